import { and, eq } from 'drizzle-orm';
import { notFound, scopedWhere, type Context } from '@voyage/kernel';
import type { RecordKind } from '../record-kinds';
import { tableOf } from './owned-kinds';
import { runInTransaction } from '@voyage/kernel';
import { writeOwnerChanges } from './write-owner-changes';

/** Returns a record to the public pool: its owner, or anyone whose data scope may update it. */
export async function releaseToPool(ctx: Context, kind: RecordKind, id: string, reason: string, now = new Date()): Promise<void> {
  const t = tableOf(kind);
  await runInTransaction(ctx, async (tx) => {
    const scope = await scopedWhere(tx, t, kind.object, { access: 'update' });
    const [record] = await tx.db.select({ id: t.id, name: t.name, ownerId: t.ownerId, poolStatus: t.poolStatus }).from(t).where(and(scope, eq(t.id, id))).for('update');
    if (!record || record.poolStatus === 'pool') throw notFound(kind.object);
    await writeOwnerChanges({ db: tx.db, workspaceId: tx.workspaceId, actorUserId: tx.actor.userId, requestId: tx.requestId, ip: tx.ip, at: now }, kind, 'release',
      [{ id, name: record.name, fromOwnerId: record.ownerId, toOwnerId: null }], { poolStatus: 'pool', poolEnteredAt: now }, reason);
  });
}
