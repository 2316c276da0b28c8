import { and, eq } from 'drizzle-orm';
import { emitEvents, writeAudit, type Context } from '@voyage/kernel';
import { followUps } from '../db/timeline';
import { runInTransaction } from '@voyage/kernel';
import { findFollowUp } from './find-follow-up';
import { FOLLOW_UP_EVENTS } from './follow-up-events';
import { refreshFollowUpColumns } from './refresh-follow-up-columns';

/** Moves a follow-up to the trash; its pending reminder lapses (the job checks the row is live). */
export async function deleteFollowUp(ctx: Context, id: string): Promise<void> {
  await runInTransaction(ctx, async (tx) => {
    const { row, subject } = await findFollowUp(tx, id, 'update');
    const now = new Date();
    await tx.db.update(followUps).set({ deletedAt: now, updatedAt: now, updatedBy: tx.actor.userId }).where(and(eq(followUps.workspaceId, tx.workspaceId), eq(followUps.id, id)));
    await refreshFollowUpColumns(tx.db, tx.workspaceId, subject.type, subject.id);
    await writeAudit(tx.db, {
      workspaceId: tx.workspaceId, action: 'delete', object: 'follow_up', recordId: id, summary: subject.name, oldValues: { content: row.content },
      actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, ip: tx.ip, requestId: tx.requestId,
    });
    await emitEvents(tx.db, { workspaceId: tx.workspaceId, event: FOLLOW_UP_EVENTS.deleted, payload: { id, subjectType: row.subjectType, subjectId: row.subjectId }, actorUserId: tx.actor.userId });
  });
}
