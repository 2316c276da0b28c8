import { and, eq, sql } from 'drizzle-orm';
import { emitEvents, notFound, scopedWhere, writeAudit, type Context } from '@voyage/kernel';
import type { contacts } from '../db/schema';
import { toWire, type RecordKind } from '../record-kinds';
import { runInTransaction } from './run-in-transaction';

/** Brings a record back from the trash. Whoever may delete it may restore it. */
export async function restoreRecord(ctx: Context, kind: RecordKind, id: string): Promise<Record<string, unknown>> {
  const t = kind.table as typeof contacts;
  return runInTransaction(ctx, async (tx) => {
    const scope = await scopedWhere(tx, t, kind.object, { access: 'delete', onlyDeleted: true });
    const [row] = await tx.db
      .update(t)
      .set({ deletedAt: null, updatedAt: new Date(), updatedBy: tx.actor.userId, version: sql`${t.version} + 1` })
      .where(and(scope, eq(t.id, id)))
      .returning();
    if (!row) throw notFound(kind.object);
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'restore', object: kind.object, recordId: id, summary: row.name, newValues: { deletedAt: null }, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, ip: tx.ip, requestId: tx.requestId });
    await emitEvents(tx.db, { workspaceId: tx.workspaceId, event: kind.events.restored, payload: { id, object: kind.object, ownerId: row.ownerId }, actorUserId: tx.actor.userId });
    return toWire(row);
  });
}
