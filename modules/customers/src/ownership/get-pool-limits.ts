import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import { AppError, assertCan, schema, type Actor, type Queryable } from '@voyage/kernel';
import type { TOwnershipSettings, TPoolLimits } from '@voyage/contracts';
import { ownershipTransfers } from '../db/ownership';
import type { RecordKind } from '../record-kinds';
import { tableOf } from './owned-kinds';

/** Pool records have no owner, so data scopes cannot decide who sees them: the pool setting does. */
export function assertPoolAccess(actor: Actor, kind: RecordKind, settings: TOwnershipSettings): void {
  assertCan(actor, kind.object, 'read');
  if (actor.role.isAdmin || settings.poolVisibleRoleIds === null) return;
  if (!settings.poolVisibleRoleIds.includes(actor.role.id)) throw new AppError('customers.pool_not_visible');
}

/** Start of the actor's "today" in the workspace's time zone. */
export async function startOfToday(db: Queryable, workspaceId: string, now: Date): Promise<Date> {
  const [row] = await db.select({ start: sql<string>`(extract(epoch from (date_trunc('day', ${now.toISOString()}::timestamptz at time zone ${schema.workspaces.timezone}) at time zone ${schema.workspaces.timezone})) * 1000)::bigint::text` })
    .from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
  return new Date(Number(row.start));
}

/** How many claims the user has made today and how many records of each level they own. */
export async function getPoolLimits(db: Queryable, workspaceId: string, userId: string, kind: RecordKind, settings: TOwnershipSettings, now: Date): Promise<TPoolLimits> {
  const since = await startOfToday(db, workspaceId, now);
  const ot = ownershipTransfers;
  const [claims] = await db.select({ n: sql<number>`count(*)::int` }).from(ot)
    .where(and(eq(ot.workspaceId, workspaceId), eq(ot.toOwnerId, userId), eq(ot.kind, 'claim'), eq(ot.object, kind.object), gte(ot.at, since)));
  const t = tableOf(kind);
  const level = sql<string>`coalesce(${t.customerLevel}, ${settings.defaultLevel})`;
  const owned = await db.select({ level, n: sql<number>`count(*)::int` }).from(t)
    .where(and(eq(t.workspaceId, workspaceId), eq(t.ownerId, userId), isNull(t.deletedAt))).groupBy(sql`1`);
  const counts = new Map(owned.map((o) => [o.level, o.n]));
  return {
    claimedToday: claims.n,
    claimDailyLimit: settings.claimDailyLimit,
    owned: settings.levels.map((l) => ({ level: l.key, owned: counts.get(l.key) ?? 0, max: l.maxOwned })),
  };
}
