import type { WorkflowActionDefinition, WorkflowEventDefinition } from '@voyage/kernel';
import { emailOpenedEvent } from '../email-templates/open-tracking';
import { assignOwnerAction } from './assign-owner.action';
import { createRecordAction } from './create-record.action';
import { notifyAction } from './notify.action';
import { sendEmailAction } from './send-email.action';
import { addTagAction, removeTagAction } from './tags.action';
import { updateFieldsAction } from './update-fields.action';
import { webhookAction } from './webhook.action';

/** The automation module's own actions (modules add theirs, like `sales.create_task`, from their definitions). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const automationActions: Array<WorkflowActionDefinition<any>> = [
  sendEmailAction, updateFieldsAction, addTagAction, removeTagAction, assignOwnerAction, createRecordAction, notifyAction, webhookAction,
];

export const automationActionEvents: WorkflowEventDefinition[] = [emailOpenedEvent];
