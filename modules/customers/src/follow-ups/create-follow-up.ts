import type { TCreateFollowUpRequest, TFollowUp } from '@voyage/contracts';
import { emitEvents, newId, writeAudit, type Context, type JobSender } from '@voyage/kernel';
import { followUps } from '../db/timeline';
import { runInTransaction } from '@voyage/kernel';
import { findSubject } from './find-subject';
import { FOLLOW_UP_EVENTS } from './follow-up-events';
import { followUpsToWire } from './follow-up-wire';
import { refreshFollowUpColumns } from './refresh-follow-up-columns';
import { scheduleReminder } from './schedule-reminder';

/**
 * Logs a follow-up on a contact or account the actor may change. The record's last
 * follow-up columns, the audit row, the event and the reminder job are written in the
 * same transaction.
 */
export async function createFollowUp(ctx: Context, input: TCreateFollowUpRequest, send: JobSender): Promise<TFollowUp> {
  return runInTransaction(ctx, async (tx) => {
    const subject = await findSubject(tx, input.subjectType, input.subjectId, 'update');
    const now = new Date();
    const [row] = await tx.db.insert(followUps).values({
      workspaceId: tx.workspaceId,
      id: newId(),
      subjectType: subject.type,
      subjectId: subject.id,
      type: input.type,
      content: input.content,
      occurredAt: input.occurredAt ? new Date(input.occurredAt) : now,
      nextContactAt: input.nextContactAt ? new Date(input.nextContactAt) : null,
      ownerId: input.ownerId === undefined ? tx.actor.userId : input.ownerId,
      createdAt: now, updatedAt: now, createdBy: tx.actor.userId, updatedBy: tx.actor.userId,
    }).returning();
    await refreshFollowUpColumns(tx.db, tx.workspaceId, subject.type, subject.id);
    await writeAudit(tx.db, {
      workspaceId: tx.workspaceId, action: 'create', object: 'follow_up', recordId: row.id, summary: subject.name,
      newValues: { subjectType: row.subjectType, subjectId: row.subjectId, type: row.type, content: row.content, nextContactAt: row.nextContactAt?.toISOString() ?? null },
      actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, ip: tx.ip, requestId: tx.requestId,
    });
    await emitEvents(tx.db, { workspaceId: tx.workspaceId, event: FOLLOW_UP_EVENTS.created, payload: { id: row.id, subjectType: row.subjectType, subjectId: row.subjectId }, actorUserId: tx.actor.userId });
    await scheduleReminder(send, tx.db, tx.env, tx.workspaceId, row.id, row.nextContactAt);
    return (await followUpsToWire(tx.db, tx.workspaceId, [row]))[0];
  });
}
