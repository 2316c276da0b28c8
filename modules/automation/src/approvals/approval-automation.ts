import { z } from 'zod';
import { AUTOMATION_EVENTS } from '@voyage/contracts';
import { AppError, LOCALES, localized, translate, type FieldIssue, type WorkflowActionDefinition, type WorkflowEventDefinition } from '@voyage/kernel';
import { approvalProcesses } from '../db/approvals';
import { and, eq, isNull } from 'drizzle-orm';
import { APPROVAL_ERRORS } from './approval-messages';
import { loadProcess } from './approval-process-wire';
import { submitApproval } from './submit-approval';

const labelsOf = (key: string) => Object.fromEntries(LOCALES.map((l) => [l, translate(l, key)])) as Record<(typeof LOCALES)[number], string>;

/** The approval events workflows wait for (by run id) or start from (by record id). */
export const approvalEvents: WorkflowEventDefinition[] = (['submitted', 'approved', 'rejected', 'returned', 'withdrawn'] as const).map((outcome) => ({
  event: AUTOMATION_EVENTS[`approval${outcome[0].toUpperCase()}${outcome.slice(1)}` as keyof typeof AUTOMATION_EVENTS],
  labels: labelsOf(`automation.approvals.event.${outcome}`),
  correlate: { recordIdKey: 'recordId', runIdKey: 'runId', stepIdKey: 'stepId' },
}));

const ZInput = z.object({ processId: z.uuid() });

/**
 * "Request an approval": submits the run's record to a process, as the run-as user. The step's
 * idempotency key finds the request a retried or redelivered step made. A workflow goes on by
 * waiting for `automation.approval.approved` / `rejected`.
 */
export const requestApprovalAction: WorkflowActionDefinition<z.infer<typeof ZInput>> = {
  key: 'automation.request_approval',
  labels: localized('发起审批', '發起審批', 'Request an approval'),
  descriptions: localized('把记录提交到审批流程，并可等待审批结果', '將記錄提交至審批流程，並可等待審批結果', 'Submits the record to an approval process; wait for the approved or rejected event to go on'),
  fields: [{ key: 'processId', labels: localized('审批流程', '審批流程', 'Approval process'), kind: 'select', required: true }],
  input: ZInput,
  async check(ctx, input, object): Promise<FieldIssue[]> {
    const [row] = await ctx.db.select({ object: approvalProcesses.object }).from(approvalProcesses)
      .where(and(eq(approvalProcesses.workspaceId, ctx.workspaceId), eq(approvalProcesses.id, input.processId), isNull(approvalProcesses.deletedAt)));
    const field = requestApprovalAction.fields[0].labels[ctx.locale];
    if (!row) return [{ field: 'processId', code: 'not_found', message: translate(ctx.locale, 'field.not_found', { field }) }];
    if (object && row.object !== object) return [{ field: 'processId', code: 'wrong_object', message: translate(ctx.locale, 'automation.approvals.field.unknown_object', { field, object }) }];
    return [];
  },
  async describe(actx, input) {
    const process = await loadProcess(actx.ctx, input.processId);
    const record = actx.record ? String(actx.record.values.name ?? actx.record.id) : '';
    return { summary: `${process.name}: ${record}`, output: { processId: process.id } };
  },
  async run(actx, input) {
    if (!actx.record) throw new AppError(APPROVAL_ERRORS.noRecord);
    const request = await submitApproval(actx.ctx, { processId: input.processId, recordId: actx.record.id, comment: '' }, { runId: actx.runId, stepId: actx.stepId, idempotencyKey: actx.idempotencyKey });
    return { requestId: request.id, status: request.status };
  },
};
