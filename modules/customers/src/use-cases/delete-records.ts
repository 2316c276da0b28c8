import { and, inArray, sql } from 'drizzle-orm';
import { emitEvents, scopedWhere, writeAudit, type Context } from '@voyage/kernel';
import type { contacts } from '../db/schema';
import type { RecordKind } from '../record-kinds';
import { runInTransaction } from '@voyage/kernel';

/**
 * Moves records to the trash (deleted_at); they can be restored. Needs the `delete` right;
 * records outside the actor's delete scope are left alone. Returns the ids moved, with
 * one audit row and one event each.
 */
export async function deleteRecords(ctx: Context, kind: RecordKind, ids: string[]): Promise<string[]> {
  const t = kind.table as typeof contacts;
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return runInTransaction(ctx, async (tx) => {
    const scope = await scopedWhere(tx, t, kind.object, { access: 'delete' });
    const now = new Date();
    const rows = await tx.db
      .update(t)
      .set({ deletedAt: now, updatedAt: now, updatedBy: tx.actor.userId, version: sql`${t.version} + 1` })
      .where(and(scope, inArray(t.id, unique)))
      .returning({ id: t.id, name: t.name, ownerId: t.ownerId });
    await writeAudit(tx.db, rows.map((row) => ({ workspaceId: tx.workspaceId, action: 'delete', object: kind.object, recordId: row.id, summary: row.name, oldValues: { deletedAt: null }, newValues: { deletedAt: now.toISOString() }, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, ip: tx.ip, requestId: tx.requestId })));
    await emitEvents(tx.db, rows.map((row) => ({ workspaceId: tx.workspaceId, event: kind.events.deleted, payload: { id: row.id, object: kind.object, ownerId: row.ownerId }, actorUserId: tx.actor.userId })));
    const deleted = new Set(rows.map((row) => row.id));
    return unique.filter((id) => deleted.has(id));
  });
}
