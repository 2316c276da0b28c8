import { and, eq, sql } from 'drizzle-orm';
import { emitEvents, notFound, scopedWhere, writeAudit, type Context } from '@voyage/kernel';
import type { contacts } from '../db/schema';
import type { RecordKind } from '../record-kinds';
import { runInTransaction } from './run-in-transaction';

/** Moves a record to the trash (deleted_at); it can be restored. Needs the `delete` right. */
export async function deleteRecord(ctx: Context, kind: RecordKind, id: string): Promise<void> {
  const t = kind.table as typeof contacts;
  await runInTransaction(ctx, async (tx) => {
    const scope = await scopedWhere(tx, t, kind.object, { access: 'delete' });
    const now = new Date();
    const [row] = await tx.db
      .update(t)
      .set({ deletedAt: now, updatedAt: now, updatedBy: tx.actor.userId, version: sql`${t.version} + 1` })
      .where(and(scope, eq(t.id, id)))
      .returning({ id: t.id, name: t.name, ownerId: t.ownerId });
    if (!row) throw notFound(kind.object);
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'delete', object: kind.object, recordId: id, summary: row.name, oldValues: { deletedAt: null }, newValues: { deletedAt: now.toISOString() }, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, ip: tx.ip, requestId: tx.requestId });
    await emitEvents(tx.db, { workspaceId: tx.workspaceId, event: kind.events.deleted, payload: { id, object: kind.object, ownerId: row.ownerId }, actorUserId: tx.actor.userId });
  });
}
