import { and, asc, eq, isNull } from 'drizzle-orm';
import type { TApprovalRequest, TSubmitApprovalRequest } from '@voyage/contracts';
import { ZSubmitApprovalRequest } from '@voyage/contracts';
import { AppError, findVisibleRecordIds, lockRecordFields, newId, recordTableOf, runInTransaction, schema, translate, validationError, workflowRecordSource, type Context } from '@voyage/kernel';
import { approvalProcesses, approvalRequests, type ApprovalProcessRow, type ApprovalRequestRow } from '../db/approvals';
import { activateStages, addHistory } from './approval-flow';
import { recordApprovalOutcome } from './approval-effects';
import { APPROVAL_ERRORS } from './approval-messages';
import { loadProcess, objectLabel } from './approval-process-wire';
import { planStages } from './approval-stages';
import { getApprovalRequest, loadRequest } from './approval-views';

/** When a workflow asks: its run, step and the step's idempotency key (a redelivered step finds the request it made). */
export interface WorkflowOrigin { runId: string; stepId: string; idempotencyKey: string }

async function assertRecordVisible(ctx: Context, object: string, recordId: string): Promise<void> {
  const visible = recordTableOf(object)
    ? await findVisibleRecordIds(ctx, object, [recordId])
    : new Set((await workflowRecordSource(object)?.load(ctx.db, ctx.workspaceId, [recordId]))?.keys() ?? []);
  if (!visible.has(recordId)) throw new AppError('not_found', { params: { what: object } });
}

async function findProcess(ctx: Context, input: { processId?: string; object?: string }): Promise<ApprovalProcessRow> {
  if (input.processId) return loadProcess(ctx, input.processId);
  if (!input.object) throw validationError([{ field: 'processId', code: 'required', message: translate(ctx.locale, 'field.required', { field: 'processId' }) }]);
  const [row] = await ctx.db.select().from(approvalProcesses)
    .where(and(eq(approvalProcesses.workspaceId, ctx.workspaceId), eq(approvalProcesses.object, input.object), eq(approvalProcesses.active, true), isNull(approvalProcesses.deletedAt)))
    .orderBy(asc(approvalProcesses.createdAt)).limit(1);
  if (!row) throw new AppError(APPROVAL_ERRORS.noProcess, { params: { object: objectLabel(input.object, ctx.locale) } });
  return row;
}

async function assertNoPending(ctx: Context, object: string, recordId: string): Promise<void> {
  const [pending] = await ctx.db.select({ id: approvalRequests.id }).from(approvalRequests)
    .where(and(eq(approvalRequests.workspaceId, ctx.workspaceId), eq(approvalRequests.object, object), eq(approvalRequests.recordId, recordId), eq(approvalRequests.status, 'pending')));
  if (pending) throw new AppError(APPROVAL_ERRORS.alreadyPending, { details: { requestId: pending.id } });
}

/** Two submissions of one record at once: the partial unique index on pending requests catches the second. */
function pendingRace(error: unknown): never {
  const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  if (code === '23505') throw new AppError(APPROVAL_ERRORS.alreadyPending);
  throw error;
}

/** The submitter's choice must name an active member when a stage asks for it. */
async function checkChosenApprover(ctx: Context, request: Pick<ApprovalRequestRow, 'process' | 'stages'>, chosen: string | null | undefined): Promise<void> {
  const steps = new Map(request.process.steps.map((s) => [s.id, s]));
  if (!request.stages.some((s) => steps.get(s.stepId)?.approver.kind === 'submitter_choice')) return;
  const m = schema.memberships;
  const [member] = chosen ? await ctx.db.select({ id: m.userId }).from(m).where(and(eq(m.workspaceId, ctx.workspaceId), eq(m.userId, chosen), eq(m.status, 'active'))) : [];
  if (!member) throw validationError([{ field: 'chosenApproverId', code: 'required', message: translate(ctx.locale, 'automation.approvals.field.chosen_required', { field: 'chosenApproverId' }) }]);
}

/** Locks the guarded fields, records the submission and starts the first stage to run. */
async function start(ctx: Context, request: ApprovalRequestRow, from: number, comment: string, action: 'submitted' | 'resubmitted'): Promise<ApprovalRequestRow> {
  if (request.process.guardedFields.length) await lockRecordFields(ctx.db, ctx.workspaceId, { holderId: request.id, object: request.object, recordId: request.recordId, fields: request.process.guardedFields, reason: 'approval' });
  const historyId = await addHistory(ctx, request, action, comment, null);
  await recordApprovalOutcome(ctx, request, 'submitted', historyId, comment);
  return activateStages(ctx, request, from, comment);
}

/**
 * Submits a record for approval: the process's steps whose condition it matches run in order.
 * Refused when the record already awaits one (409), when no step applies (422), or when the
 * submitter must choose an approver and did not (400).
 */
export async function submitApproval(ctx: Context, body: TSubmitApprovalRequest, origin?: WorkflowOrigin): Promise<TApprovalRequest> {
  const input = ZSubmitApprovalRequest.parse(body);
  const id = await runInTransaction(ctx, async (tx) => {
    if (origin) {
      const [existing] = await tx.db.select({ id: approvalRequests.id }).from(approvalRequests)
        .where(and(eq(approvalRequests.workspaceId, tx.workspaceId), eq(approvalRequests.idempotencyKey, origin.idempotencyKey)));
      if (existing) return existing.id;
    }
    const process = await findProcess(tx, input);
    if (!process.active) throw new AppError(APPROVAL_ERRORS.processInactive, { params: { process: process.name } });
    if (input.object && input.object !== process.object) throw validationError([{ field: 'object', code: 'mismatch', message: translate(tx.locale, 'field.invalid', { field: 'object' }) }]);
    await assertRecordVisible(tx, process.object, input.recordId);
    await assertNoPending(tx, process.object, input.recordId);
    const stages = await planStages(tx, process.object, input.recordId, process.steps);
    if (stages.length === 0) throw new AppError(APPROVAL_ERRORS.noStepApplies, { params: { process: process.name } });
    const snapshot = { name: process.name, steps: process.steps, noApprover: process.noApprover, guardedFields: process.guardedFields, resubmit: process.resubmit, onApproved: process.onApproved, onRejected: process.onRejected };
    await checkChosenApprover(tx, { process: snapshot, stages }, input.chosenApproverId);
    const [request] = await tx.db.insert(approvalRequests).values({
      workspaceId: tx.workspaceId, id: newId(), processId: process.id, object: process.object, recordId: input.recordId, submittedBy: tx.actor.userId,
      chosenApproverId: input.chosenApproverId ?? null, status: 'pending', round: 1, process: snapshot, stages, currentStage: 0,
      runId: origin?.runId ?? null, runStepId: origin?.stepId ?? null, idempotencyKey: origin?.idempotencyKey ?? null,
    }).returning();
    return (await start(tx, request, 0, input.comment, 'submitted')).id;
  }).catch(pendingRace);
  return getApprovalRequest(ctx, id);
}

/**
 * Submits a rejected, returned or withdrawn request again (its submitter only). The steps are
 * matched against the record as it is now; the process's policy says whether it starts at the
 * first step or at the step that rejected it.
 */
export async function resubmitApproval(ctx: Context, id: string, input: { comment: string; chosenApproverId?: string | null }): Promise<TApprovalRequest> {
  await runInTransaction(ctx, async (tx) => {
    const request = await loadRequest(tx, id, { forUpdate: true });
    if (request.submittedBy !== tx.actor.userId) throw new AppError(APPROVAL_ERRORS.notSubmitter);
    if (!['rejected', 'returned', 'withdrawn'].includes(request.status)) throw new AppError(APPROVAL_ERRORS.cannotResubmit, { params: { status: translate(tx.locale, `automation.approvals.status.${request.status}`) } });
    await assertRecordVisible(tx, request.object, request.recordId);
    await assertNoPending(tx, request.object, request.recordId);
    const stages = await planStages(tx, request.object, request.recordId, request.process.steps);
    if (stages.length === 0) throw new AppError(APPROVAL_ERRORS.noStepApplies, { params: { process: request.process.name } });
    const chosen = input.chosenApproverId !== undefined ? input.chosenApproverId : request.chosenApproverId;
    await checkChosenApprover(tx, { process: request.process, stages }, chosen);
    const stopped = request.stoppedStage !== null ? request.stages[request.stoppedStage] : undefined;
    const resumeAt = request.process.resubmit === 'rejected_step' && stopped ? stages.findIndex((s) => s.stepId === stopped.stepId && s.level === stopped.level) : 0;
    const from = Math.max(resumeAt, 0);
    const [row] = await tx.db.update(approvalRequests)
      .set({ status: 'pending', round: request.round + 1, stages, currentStage: from, chosenApproverId: chosen ?? null, decidedAt: null, submittedAt: new Date(), updatedAt: new Date(), version: request.version + 1 })
      .where(and(eq(approvalRequests.workspaceId, tx.workspaceId), eq(approvalRequests.id, id)))
      .returning();
    await start(tx, row, from, input.comment, 'resubmitted');
  }).catch(pendingRace);
  return getApprovalRequest(ctx, id);
}
