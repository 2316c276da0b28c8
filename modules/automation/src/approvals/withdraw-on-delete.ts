import { and, eq } from 'drizzle-orm';
import { loadActor, translate, workflowRecordSources, type DomainEvent, type ModuleSubscriber, type SystemContext } from '@voyage/kernel';
import { approvalRequests } from '../db/approvals';
import { addHistory, finishRequest } from './approval-flow';

/** The record kind whose trash event this is. */
function objectDeletedBy(event: string): string | null {
  return workflowRecordSources().find((s) => s.events.deleted === event)?.object ?? null;
}

/**
 * A record moved to the trash while an approval of it is pending: the request is withdrawn in
 * the submitter's name with a translated reason, so approvers are not asked about a record that
 * is gone and its locks are released (a restored record is submitted again by hand).
 */
async function withdrawForDeletedRecord(ctx: SystemContext, event: DomainEvent): Promise<void> {
  const object = objectDeletedBy(event.event);
  const recordId = event.payload.id;
  if (!object || typeof recordId !== 'string') return;
  const pending = await ctx.db.select().from(approvalRequests)
    .where(and(eq(approvalRequests.workspaceId, ctx.workspaceId), eq(approvalRequests.object, object), eq(approvalRequests.recordId, recordId), eq(approvalRequests.status, 'pending')))
    .for('update');
  for (const request of pending) {
    const actor = await loadActor(ctx.db, ctx.workspaceId, request.submittedBy);
    // A submitter who left has nobody to act for; an admin can still see the request.
    if (!actor) continue;
    const rctx = { ...ctx, actor };
    const comment = translate(ctx.locale, 'automation.approvals.record_deleted');
    await addHistory(rctx, request, 'withdrawn', comment, request.currentStage, null);
    await finishRequest(rctx, request, 'withdrawn', request.stoppedStage, comment);
  }
}

export const approvalRecordDeletedSubscriber: ModuleSubscriber = {
  name: 'automation.approvals_record_deleted',
  get events() {
    return workflowRecordSources().flatMap((s) => (s.events.deleted ? [s.events.deleted] : []));
  },
  handle: withdrawForDeletedRecord,
};
