import { and, eq, ilike, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { escapeLike, schema, validationError, translate, type Context } from '@voyage/kernel';
import type { TPoolListQuery, TPoolListResponse } from '@voyage/contracts';
import type { RecordKind } from '../record-kinds';
import { assertPoolAccess, getPoolLimits } from './get-pool-limits';
import { loadOwnershipSettings } from './load-ownership-settings';
import { tableOf } from './owned-kinds';

const DAY_MS = 86_400_000;

/** The public pool, newest arrivals first, with the actor's claim limits and cooldowns. */
export async function listPool(ctx: Context, kind: RecordKind, query: TPoolListQuery, now = new Date()): Promise<TPoolListResponse> {
  const settings = await loadOwnershipSettings(ctx.db, ctx.workspaceId);
  assertPoolAccess(ctx.actor, kind, settings);
  const t = tableOf(kind);
  const limit = query.limit ?? 50;
  const conditions = [eq(t.workspaceId, ctx.workspaceId), eq(t.poolStatus, 'pool'), isNull(t.deletedAt)];
  if (query.q) conditions.push(ilike(t.name, `%${escapeLike(query.q)}%`));
  if (query.level) conditions.push(eq(t.customerLevel, query.level));
  if (query.cursor) {
    const [at, id] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('|');
    if (!id || Number.isNaN(Date.parse(at))) throw validationError([{ field: 'cursor', code: 'invalid_cursor', message: translate(ctx.locale, 'field.invalid_cursor', { field: 'cursor' }) }]);
    conditions.push(or(lt(t.poolEnteredAt, new Date(at)), and(eq(t.poolEnteredAt, new Date(at)), sql`${t.id} > ${id}::uuid`))!);
  }
  const previous = alias(schema.users, 'previous_owner');
  const rows = await ctx.db.select({
    id: t.id, name: t.name, customerLevel: t.customerLevel, lifecycleStage: t.lifecycleStage, tags: t.tags,
    poolEnteredAt: t.poolEnteredAt, previousOwnerId: t.previousOwnerId, previousOwnerName: previous.name,
  }).from(t).leftJoin(previous, eq(previous.id, t.previousOwnerId))
    .where(and(...conditions)).orderBy(sql`${t.poolEnteredAt} desc nulls last`, t.id).limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const cooldownUntil = (r: (typeof rows)[number]) => {
    if (r.previousOwnerId !== ctx.actor.userId || !r.poolEnteredAt || settings.cooldownDays === 0) return null;
    const until = new Date(r.poolEnteredAt.getTime() + settings.cooldownDays * DAY_MS);
    return until > now ? until.toISOString() : null;
  };
  return {
    data: page.map((r) => ({ ...r, poolEnteredAt: r.poolEnteredAt?.toISOString() ?? null, previousOwnerName: r.previousOwnerName ?? null, cooldownUntil: cooldownUntil(r) })),
    nextCursor: rows.length > limit && last?.poolEnteredAt ? Buffer.from(`${last.poolEnteredAt.toISOString()}|${last.id}`).toString('base64url') : null,
    limits: await getPoolLimits(ctx.db, ctx.workspaceId, ctx.actor.userId, kind, settings, now),
  };
}
