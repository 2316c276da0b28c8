import { defineModule, type ModuleSubscriber, type JobDefinition, type WorkflowDeclarations } from '@voyage/kernel';
import type { FastifyInstance } from 'fastify';
import { approvalEvents, requestApprovalAction } from './approvals/approval-automation';
import { approvalRoutes } from './approvals/approvals.routes';
import { approvalRecordDeletedSubscriber } from './approvals/withdraw-on-delete';
import { engineJobs } from './engine/engine-jobs';
import { workflowTriggerSubscriber } from './engine/trigger-subscriber';
import { workflowRunRoutes } from './http/workflow-runs.routes';
import { workflowRoutes } from './http/workflows.routes';
import { automationActionEvents, automationActions } from './actions';
import { emailTemplateRoutes } from './email-templates/email-templates.routes';
import { workflowTemplateRoutes } from './templates/workflow-templates.routes';

/*
 * Automation (A1–A4): the workflow engine every module's rules run on, its designer's API,
 * and approval processes. Each area adds its routes, subscribers, jobs and catalogue entries
 * to the lists below from its own files.
 */
const routes: Array<(app: FastifyInstance) => Promise<void> | void> = [];
const subscribers: ModuleSubscriber[] = [];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const jobs: Array<JobDefinition<any>> = [];
const automation: WorkflowDeclarations = { actions: [], events: [] };

// Approval processes (A3): their routes, the "request an approval" action and the approval events.
routes.push(approvalRoutes);
automation.actions!.push(requestApprovalAction);
automation.events!.push(...approvalEvents);

// Actions, email templates with open tracking, and ready-made workflows.
automation.actions!.push(...automationActions);
automation.events!.push(...automationActionEvents);
routes.push(emailTemplateRoutes, workflowTemplateRoutes);

// Workflow engine (A1, A4): designer API, runs and webhooks, the trigger subscriber, the timer and clock jobs.
routes.push(workflowRoutes, workflowRunRoutes);
subscribers.push(workflowTriggerSubscriber, approvalRecordDeletedSubscriber);
jobs.push(...engineJobs);

export const automationModule = defineModule({
  key: 'automation',
  enabledByDefault: true,
  labels: { 'zh-CN': '自动化', 'zh-TW': '自動化', en: 'Automation' },
  descriptions: { 'zh-CN': '工作流、审批流程', 'zh-TW': '工作流程、審批流程', en: 'Workflows and approval processes' },
  routes: async (app) => {
    for (const register of routes) await register(app);
  },
  subscribers,
  jobs,
  automation,
  nav: [
    { key: 'workflows', path: '/automation/workflows', labels: { 'zh-CN': '工作流', 'zh-TW': '工作流程', en: 'Workflows' }, icon: 'workflows', capability: 'automation.manage' },
    { key: 'approvals', path: '/approvals', labels: { 'zh-CN': '我的审批', 'zh-TW': '我的審批', en: 'My approvals' }, icon: 'approvals' },
  ],
});
