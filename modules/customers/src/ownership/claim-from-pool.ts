import { and, eq, isNull, sql } from 'drizzle-orm';
import { AppError, assertCan, notFound, type Context, type Tx } from '@voyage/kernel';
import type { TClaimResponse } from '@voyage/contracts';
import type { RecordKind } from '../record-kinds';
import { assertPoolAccess, getPoolLimits } from './get-pool-limits';
import { levelRule, loadOwnershipSettings } from './load-ownership-settings';
import { tableOf } from './owned-kinds';
import { writeOwnerChanges } from './write-owner-changes';

const DAY_MS = 86_400_000;

/**
 * Claims a pool record for the actor. Two reps claiming at once: the row update is guarded
 * by pool_status, so exactly one wins and the other gets 409. A per-user advisory lock
 * makes the daily and per-level limits hold under concurrent claims by the same user.
 */
export async function claimFromPool(ctx: Context, kind: RecordKind, id: string, now = new Date()): Promise<TClaimResponse> {
  assertCan(ctx.actor, kind.object, 'update');
  const settings = await loadOwnershipSettings(ctx.db, ctx.workspaceId);
  assertPoolAccess(ctx.actor, kind, settings);
  const t = tableOf(kind);
  const me = ctx.actor.userId;
  await ctx.database.db.transaction(async (tx: Tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`pool-claim:${ctx.workspaceId}:${me}`}))`);
    const [record] = await tx.select().from(t).where(and(eq(t.workspaceId, ctx.workspaceId), eq(t.id, id), isNull(t.deletedAt)));
    if (!record) throw notFound(kind.object);
    if (record.poolStatus !== 'pool') throw new AppError('customers.pool_already_claimed');
    if (record.previousOwnerId === me && record.poolEnteredAt && settings.cooldownDays > 0) {
      const until = new Date(record.poolEnteredAt.getTime() + settings.cooldownDays * DAY_MS);
      if (until > now) throw new AppError('customers.pool_cooldown', { params: { date: until.toISOString().slice(0, 10) }, details: { cooldownUntil: until.toISOString() } });
    }
    const limits = await getPoolLimits(tx, ctx.workspaceId, me, kind, settings, now);
    if (settings.claimDailyLimit > 0 && limits.claimedToday >= settings.claimDailyLimit) {
      throw new AppError('customers.pool_daily_limit', { params: { limit: settings.claimDailyLimit }, details: { claimedToday: limits.claimedToday } });
    }
    const rule = levelRule(settings, record.customerLevel);
    const owned = limits.owned.find((o) => o.level === rule.key)?.owned ?? 0;
    if (rule.maxOwned > 0 && owned >= rule.maxOwned) throw new AppError('customers.pool_owned_limit', { params: { limit: rule.maxOwned, level: rule.key } });
    const done = await writeOwnerChanges({ db: tx, workspaceId: ctx.workspaceId, actorUserId: me, requestId: ctx.requestId, ip: ctx.ip, at: now }, kind, 'claim',
      [{ id, name: record.name, fromOwnerId: null, toOwnerId: me }], { poolStatus: null }, null, sql`${t.poolStatus} = 'pool'`);
    if (done.length === 0) throw new AppError('customers.pool_already_claimed');
  });
  return { id, ownerId: me, limits: await getPoolLimits(ctx.db, ctx.workspaceId, me, kind, settings, now) };
}
