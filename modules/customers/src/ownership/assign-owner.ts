import { and, eq, inArray } from 'drizzle-orm';
import { AppError, notFound, schema, scopedWhere, type Context, type Queryable } from '@voyage/kernel';
import type { TBulkAssignResponse } from '@voyage/contracts';
import type { RecordKind } from '../record-kinds';
import { runInTransaction } from '@voyage/kernel';
import { tableOf } from './owned-kinds';
import type { TransferKind } from './record-owner-transfers';
import { writeOwnerChanges } from './write-owner-changes';

/** Throws unless every user is an active member of the workspace. */
export async function assertActiveMembers(db: Queryable, workspaceId: string, userIds: string[], code: string): Promise<void> {
  const unique = [...new Set(userIds)];
  const m = schema.memberships;
  const rows = await db.select({ userId: m.userId }).from(m).where(and(eq(m.workspaceId, workspaceId), inArray(m.userId, unique), eq(m.status, 'active')));
  if (rows.length !== unique.length) throw new AppError(code);
}

/**
 * Gives records to a new owner. Each record must be in the actor's data scope for updates;
 * the others are skipped and reported (not found), so a bulk action never reaches past the scope.
 */
export async function assignOwner(ctx: Context, kind: RecordKind, ids: string[], ownerId: string, transfer: Extract<TransferKind, 'manual' | 'bulk'>, reason?: string, now = new Date()): Promise<TBulkAssignResponse> {
  const t = tableOf(kind);
  const unique = [...new Set(ids)];
  return runInTransaction(ctx, async (tx) => {
    const scope = await scopedWhere(tx, t, kind.object, { access: 'update' });
    await assertActiveMembers(tx.db, tx.workspaceId, [ownerId], 'customers.owner_not_member');
    const found = await tx.db.select({ id: t.id, name: t.name, ownerId: t.ownerId }).from(t).where(and(scope, inArray(t.id, unique))).for('update');
    const changes = found.filter((r) => r.ownerId !== ownerId).map((r) => ({ id: r.id, name: r.name, fromOwnerId: r.ownerId, toOwnerId: ownerId }));
    await writeOwnerChanges({ db: tx.db, workspaceId: tx.workspaceId, actorUserId: tx.actor.userId, requestId: tx.requestId, ip: tx.ip, at: now }, kind, transfer, changes, { poolStatus: null }, reason);
    const foundIds = new Set(found.map((r) => r.id));
    return { assigned: unique.filter((id) => foundIds.has(id)), skipped: unique.filter((id) => !foundIds.has(id)).map((id) => ({ id, reason: 'not_found' as const })) };
  });
}

/** One record: out of scope is a 404 rather than a skipped row. */
export async function assignRecordOwner(ctx: Context, kind: RecordKind, id: string, ownerId: string, reason?: string): Promise<void> {
  const result = await assignOwner(ctx, kind, [id], ownerId, 'manual', reason);
  if (result.assigned.length === 0) throw notFound(kind.object);
}
