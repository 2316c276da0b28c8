import { and, eq, sql } from 'drizzle-orm';
import { loadActor, newId, releaseRecordLock, workflowRecordSource, type Context } from '@voyage/kernel';
import { approvalHistory, approvalRequests, approvalTasks, type ApprovalRequestRow } from '../db/approvals';
import { notifyApprovers, notifySubmitter, recordApprovalOutcome } from './approval-effects';
import { resolveApprovers, workspaceAdmins } from './approval-stages';

type HistoryAction = (typeof approvalHistory.$inferInsert)['action'];

export async function addHistory(ctx: Context, request: ApprovalRequestRow, action: HistoryAction, comment: string, stageIndex: number | null, actorId: string | null = ctx.actor.userId): Promise<string> {
  const id = newId();
  await ctx.db.insert(approvalHistory).values({ workspaceId: ctx.workspaceId, id, requestId: request.id, actorId, action, comment, stageIndex });
  return id;
}

async function saveRequest(ctx: Context, request: ApprovalRequestRow, changes: Partial<ApprovalRequestRow>): Promise<ApprovalRequestRow> {
  const [row] = await ctx.db.update(approvalRequests)
    .set({ ...changes, version: sql`${approvalRequests.version} + 1`, updatedAt: new Date() })
    .where(and(eq(approvalRequests.workspaceId, ctx.workspaceId), eq(approvalRequests.id, request.id)))
    .returning();
  return row;
}

/**
 * Starts the stage `from` and the ones after it: each gets a pending task per approver. A stage
 * nobody can decide is approved automatically or goes to the admins, as the process says
 * (automatically too when there is no admin). Past the last stage the request is approved.
 */
export async function activateStages(ctx: Context, request: ApprovalRequestRow, from: number, comment: string): Promise<ApprovalRequestRow> {
  const steps = new Map(request.process.steps.map((s) => [s.id, s]));
  for (let index = from; index < request.stages.length; index += 1) {
    const stage = request.stages[index];
    const step = steps.get(stage.stepId)!;
    let approvers = await resolveApprovers(ctx.db, ctx.workspaceId, step, stage.level, request.submittedBy, request.chosenApproverId);
    if (approvers.length === 0 && request.process.noApprover === 'admin') approvers = await workspaceAdmins(ctx.db, ctx.workspaceId);
    if (approvers.length === 0) {
      await ctx.db.insert(approvalTasks).values({ workspaceId: ctx.workspaceId, id: newId(), requestId: request.id, round: request.round, stageIndex: index, approverId: null, status: 'approved', decidedAt: new Date() });
      await addHistory(ctx, request, 'approved', '', index, null);
      continue;
    }
    const tasks = approvers.map((approverId) => ({ workspaceId: ctx.workspaceId, id: newId(), requestId: request.id, round: request.round, stageIndex: index, approverId, status: 'pending' as const }));
    await ctx.db.insert(approvalTasks).values(tasks);
    const row = await saveRequest(ctx, request, { currentStage: index });
    await notifyApprovers(ctx, row, tasks, comment);
    return row;
  }
  return finishRequest(ctx, request, 'approved', null, comment);
}

/**
 * Ends a request: its status, the lock released, the record updated as the process says
 * (as the submitter, through the object's own update), the event, audit, timeline and the
 * submitter told. `stoppedStage` is the stage that rejected or returned it.
 */
export async function finishRequest(ctx: Context, request: ApprovalRequestRow, status: 'approved' | 'rejected' | 'returned' | 'withdrawn', stoppedStage: number | null, comment: string): Promise<ApprovalRequestRow> {
  await ctx.db.update(approvalTasks).set({ status: 'cancelled' })
    .where(and(eq(approvalTasks.workspaceId, ctx.workspaceId), eq(approvalTasks.requestId, request.id), eq(approvalTasks.status, 'pending')));
  const row = await saveRequest(ctx, request, { status, currentStage: null, stoppedStage: stoppedStage ?? request.stoppedStage, decidedAt: new Date() });
  await releaseRecordLock(ctx.db, ctx.workspaceId, request.id);
  const values = status === 'approved' ? request.process.onApproved : status === 'rejected' ? request.process.onRejected : {};
  const source = workflowRecordSource(request.object);
  if (Object.keys(values).length && source?.update) {
    const actor = (await loadActor(ctx.db, ctx.workspaceId, request.submittedBy)) ?? ctx.actor;
    await source.update({ ...ctx, actor }, request.recordId, values);
  }
  // The callers wrote the history entry of the decision itself; this key makes the timeline entry once per round.
  await recordApprovalOutcome(ctx, row, status, `${request.id}:${request.round}:${status}`, comment);
  if (status !== 'withdrawn') await notifySubmitter(ctx, row, status, comment);
  return row;
}
