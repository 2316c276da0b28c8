import { and, inArray, isNull, sql } from 'drizzle-orm';
import { emitEvents, scopedWhere, writeAudit, type Context } from '@voyage/kernel';
import type { contacts } from '../db/schema';
import { toWire, type RecordKind } from '../record-kinds';
import { runInTransaction } from '@voyage/kernel';

/**
 * Brings records back from the trash. Whoever may delete a record may restore it; records
 * outside that scope, or not in the trash, are left alone, and so are records merged into
 * another (their rows and values live on the survivor). Returns the restored rows.
 */
export async function restoreRecords(ctx: Context, kind: RecordKind, ids: string[]): Promise<Array<Record<string, unknown>>> {
  const t = kind.table as typeof contacts;
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return runInTransaction(ctx, async (tx) => {
    const scope = await scopedWhere(tx, t, kind.object, { access: 'delete', onlyDeleted: true });
    const rows = await tx.db
      .update(t)
      .set({ deletedAt: null, updatedAt: new Date(), updatedBy: tx.actor.userId, version: sql`${t.version} + 1` })
      .where(and(scope, inArray(t.id, unique), isNull(t.mergedIntoId)))
      .returning();
    await writeAudit(tx.db, rows.map((row) => ({ workspaceId: tx.workspaceId, action: 'restore', object: kind.object, recordId: row.id, summary: row.name, newValues: { deletedAt: null }, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, ip: tx.ip, requestId: tx.requestId })));
    await emitEvents(tx.db, rows.map((row) => ({ workspaceId: tx.workspaceId, event: kind.events.restored, payload: { id: row.id, object: kind.object, ownerId: row.ownerId }, actorUserId: tx.actor.userId })));
    const byId = new Map(rows.map((row) => [row.id, toWire(row)]));
    return unique.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  });
}
