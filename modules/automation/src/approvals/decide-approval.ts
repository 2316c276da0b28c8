import { and, eq, ne } from 'drizzle-orm';
import type { TApprovalRequest } from '@voyage/contracts';
import { AppError, runInTransaction, translate, type Context } from '@voyage/kernel';
import { approvalTasks, type ApprovalRequestRow } from '../db/approvals';
import { activateStages, addHistory, finishRequest } from './approval-flow';
import { recordApprovalOutcome } from './approval-effects';
import { APPROVAL_ERRORS } from './approval-messages';
import { getApprovalRequest, loadRequest } from './approval-views';

const TASK_STATUS = { approve: 'approved', reject: 'rejected', return: 'returned' } as const;

function assertPending(ctx: Context, request: ApprovalRequestRow): void {
  if (request.status !== 'pending') throw new AppError(APPROVAL_ERRORS.notPending, { params: { status: translate(ctx.locale, `automation.approvals.status.${request.status}`) } });
}

/**
 * An approver of the current stage approves, rejects or returns the request for changes, with
 * a comment. Only the stage's approvers may (403); a decided request is a 409. A stage of "any
 * one" is done with the first approval; one of "all" needs every approver's. A rejection or a
 * return ends the request at once.
 */
export async function decideApproval(ctx: Context, id: string, input: { decision: 'approve' | 'reject' | 'return'; comment: string }): Promise<TApprovalRequest> {
  await runInTransaction(ctx, async (tx) => {
    const request = await loadRequest(tx, id, { forUpdate: true });
    assertPending(tx, request);
    const stage = request.currentStage!;
    const stageTasks = and(eq(approvalTasks.workspaceId, tx.workspaceId), eq(approvalTasks.requestId, id), eq(approvalTasks.round, request.round), eq(approvalTasks.stageIndex, stage));
    const mine = await tx.db.select({ id: approvalTasks.id }).from(approvalTasks).where(and(stageTasks, eq(approvalTasks.approverId, tx.actor.userId), eq(approvalTasks.status, 'pending')));
    if (mine.length === 0) throw new AppError(APPROVAL_ERRORS.notApprover);
    const now = new Date();
    await tx.db.update(approvalTasks).set({ status: TASK_STATUS[input.decision], comment: input.comment, decidedAt: now })
      .where(and(stageTasks, eq(approvalTasks.approverId, tx.actor.userId), eq(approvalTasks.status, 'pending')));
    const historyId = await addHistory(tx, request, TASK_STATUS[input.decision], input.comment, stage);
    if (input.decision !== 'approve') {
      await finishRequest(tx, request, TASK_STATUS[input.decision], stage, input.comment);
      return;
    }
    if (request.stages[stage].mode === 'any') {
      await tx.db.update(approvalTasks).set({ status: 'skipped' }).where(and(stageTasks, eq(approvalTasks.status, 'pending')));
    } else {
      const waiting = await tx.db.select({ id: approvalTasks.id }).from(approvalTasks).where(and(stageTasks, eq(approvalTasks.status, 'pending'), ne(approvalTasks.approverId, tx.actor.userId)));
      if (waiting.length > 0) return;
    }
    // A stage approved on the way: on the audit log and the timeline; the request's event comes with its outcome.
    if (stage + 1 < request.stages.length) await recordApprovalOutcome(tx, request, 'step_approved', historyId, input.comment, request.stages[stage].name);
    await activateStages(tx, request, stage + 1, input.comment);
  });
  return getApprovalRequest(ctx, id);
}

/** The submitter takes a pending request back; the record's fields unlock. */
export async function withdrawApproval(ctx: Context, id: string, input: { comment: string }): Promise<TApprovalRequest> {
  await runInTransaction(ctx, async (tx) => {
    const request = await loadRequest(tx, id, { forUpdate: true });
    if (request.submittedBy !== tx.actor.userId) throw new AppError(APPROVAL_ERRORS.notSubmitter);
    assertPending(tx, request);
    await addHistory(tx, request, 'withdrawn', input.comment, request.currentStage);
    await finishRequest(tx, request, 'withdrawn', request.stoppedStage, input.comment);
  });
  return getApprovalRequest(ctx, id);
}
