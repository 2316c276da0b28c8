import { and, eq, inArray, sql } from 'drizzle-orm';
import { emitEvents, writeAudit, type Queryable } from '@voyage/kernel';
import type { RecordKind } from '../record-kinds';
import { tableOf } from './owned-kinds';
import { recordOwnerTransfers, type TransferKind } from './record-owner-transfers';

export interface OwnerChangeContext {
  db: Queryable;
  workspaceId: string;
  actorUserId: string | null;
  requestId?: string;
  ip?: string;
  at: Date;
}

export interface OwnerChange {
  id: string;
  name: string;
  fromOwnerId: string | null;
  toOwnerId: string | null;
}

/** Pool columns written with an owner change. */
export type PoolChange = { poolStatus: 'pool' | null; poolEnteredAt?: Date; previousOwnerId?: string | null };

/**
 * Sets new owners (and pool state) on rows already checked by the caller, then writes the
 * transfer log, audit rows and update events in the same transaction. `guard` narrows the
 * rows that may change (e.g. still in the pool): rows it excludes are left out of the result.
 */
export async function writeOwnerChanges(ctx: OwnerChangeContext, kind: RecordKind, kindOfTransfer: TransferKind, changes: OwnerChange[], pool: PoolChange, reason?: string | null, guard?: ReturnType<typeof sql>): Promise<OwnerChange[]> {
  if (changes.length === 0) return [];
  const t = tableOf(kind);
  const done: OwnerChange[] = [];
  const byTarget = new Map<string | null, OwnerChange[]>();
  for (const c of changes) byTarget.set(c.toOwnerId, [...(byTarget.get(c.toOwnerId) ?? []), c]);
  for (const [toOwnerId, group] of byTarget) {
    const set = {
      ownerId: toOwnerId, poolStatus: pool.poolStatus, version: sql`${t.version} + 1`, updatedAt: ctx.at, updatedBy: ctx.actorUserId,
      ...(pool.poolEnteredAt ? { poolEnteredAt: pool.poolEnteredAt } : {}),
      // The previous owner is the one each row had: kept for the cooldown before they claim it back.
      ...(pool.poolStatus === 'pool' ? { previousOwnerId: sql`${t.ownerId}` } : {}),
    };
    const rows = await ctx.db.update(t).set(set)
      .where(and(eq(t.workspaceId, ctx.workspaceId), inArray(t.id, group.map((c) => c.id)), sql`${t.deletedAt} is null`, guard))
      .returning({ id: t.id });
    const ok = new Set(rows.map((r) => r.id));
    done.push(...group.filter((c) => ok.has(c.id)));
  }
  await recordOwnerTransfers(ctx, kind.object, kindOfTransfer, done.map((c) => ({ recordId: c.id, fromOwnerId: c.fromOwnerId, toOwnerId: c.toOwnerId })), reason);
  await writeAudit(ctx.db, done.map((c) => ({
    workspaceId: ctx.workspaceId, action: 'update', object: kind.object, recordId: c.id, summary: c.name,
    oldValues: { ownerId: c.fromOwnerId }, newValues: { ownerId: c.toOwnerId, ownershipChange: kindOfTransfer },
    actorUserId: ctx.actorUserId, requestId: ctx.requestId, ip: ctx.ip,
  })));
  await emitEvents(ctx.db, done.map((c) => ({
    workspaceId: ctx.workspaceId, event: kind.events.updated, actorUserId: ctx.actorUserId,
    payload: { id: c.id, object: kind.object, ownerId: c.toOwnerId, changes: { ownerId: c.toOwnerId }, previous: { ownerId: c.fromOwnerId } },
  })));
  return done;
}
