import { and, eq, sql } from 'drizzle-orm';
import type { TFollowUp, TUpdateFollowUpRequest } from '@voyage/contracts';
import { AppError, emitEvents, pickChanges, writeAudit, type Context, type JobSender } from '@voyage/kernel';
import { followUps } from '../db/timeline';
import { runInTransaction } from '@voyage/kernel';
import { findFollowUp } from './find-follow-up';
import { FOLLOW_UP_EVENTS } from './follow-up-events';
import { followUpsToWire } from './follow-up-wire';
import { refreshFollowUpColumns } from './refresh-follow-up-columns';
import { scheduleReminder } from './schedule-reminder';

const FIELDS = ['type', 'content', 'occurredAt', 'nextContactAt', 'ownerId'] as const;

/** Changes a follow-up (send its version). A new next-contact time schedules a new reminder; the old one lapses. */
export async function updateFollowUp(ctx: Context, id: string, input: TUpdateFollowUpRequest, send: JobSender): Promise<TFollowUp> {
  return runInTransaction(ctx, async (tx) => {
    const { row: current, subject } = await findFollowUp(tx, id, 'update');
    if (current.version !== input.version) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: current.version } });
    const wanted = {
      ...input,
      occurredAt: input.occurredAt === undefined ? undefined : new Date(input.occurredAt).toISOString(),
      nextContactAt: input.nextContactAt === undefined ? undefined : input.nextContactAt && new Date(input.nextContactAt).toISOString(),
    };
    const stored = { ...current, occurredAt: current.occurredAt.toISOString(), nextContactAt: current.nextContactAt?.toISOString() ?? null };
    const { changes, previous } = pickChanges(stored, wanted, FIELDS);
    const set: Record<string, unknown> = { ...changes };
    if ('occurredAt' in changes) set.occurredAt = new Date(changes.occurredAt as string);
    if ('nextContactAt' in changes) set.nextContactAt = changes.nextContactAt ? new Date(changes.nextContactAt as string) : null;
    const [row] = await tx.db.update(followUps)
      .set({ ...set, version: sql`${followUps.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId })
      .where(and(eq(followUps.workspaceId, tx.workspaceId), eq(followUps.id, id), eq(followUps.version, input.version)))
      .returning();
    if (!row) throw new AppError('version_conflict', { details: { field: 'version', id } });
    await refreshFollowUpColumns(tx.db, tx.workspaceId, subject.type, subject.id);
    await writeAudit(tx.db, {
      workspaceId: tx.workspaceId, action: 'update', object: 'follow_up', recordId: id, summary: subject.name, oldValues: previous, newValues: changes,
      actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, ip: tx.ip, requestId: tx.requestId,
    });
    await emitEvents(tx.db, { workspaceId: tx.workspaceId, event: FOLLOW_UP_EVENTS.updated, payload: { id, subjectType: row.subjectType, subjectId: row.subjectId }, actorUserId: tx.actor.userId });
    if ('nextContactAt' in changes) await scheduleReminder(send, tx.db, tx.env, tx.workspaceId, id, row.nextContactAt);
    return (await followUpsToWire(tx.db, tx.workspaceId, [row]))[0];
  });
}
