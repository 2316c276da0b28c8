import type { WorkflowDeclarations } from '@voyage/kernel';
import { createTaskAction } from './create-task.action';
import { salesRecordSources } from './record-sources';

/** What sales offers workflows: deals, leads and tasks as records, and the "create a task" action. */
export const salesAutomation: WorkflowDeclarations = { records: salesRecordSources, actions: [createTaskAction] };
