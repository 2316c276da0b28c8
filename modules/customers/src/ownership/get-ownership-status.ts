import { and, eq, max, sql } from 'drizzle-orm';
import { notFound, schema, scopedWhere, type Context } from '@voyage/kernel';
import type { TOwnershipStatus } from '@voyage/contracts';
import { ownershipTransfers } from '../db/ownership';
import type { RecordKind } from '../record-kinds';
import { levelRule, loadOwnershipSettings } from './load-ownership-settings';
import { tableOf } from './owned-kinds';
import { dealRule, lastActivityAt } from './reclaim-stale-records';

const DAY_MS = 86_400_000;

/** Owner, pool state, level and the date the reclaim rule would return the record to the pool. */
export async function getOwnershipStatus(ctx: Context, kind: RecordKind, id: string): Promise<TOwnershipStatus> {
  const t = tableOf(kind);
  const scope = await scopedWhere(ctx, t, kind.object);
  const settings = await loadOwnershipSettings(ctx.db, ctx.workspaceId);
  const deal = await dealRule(ctx.db, ctx.workspaceId, settings, t, kind.object);
  const [row] = await ctx.db.select({
    id: t.id, version: t.version, ownerId: t.ownerId, ownerName: schema.users.name, poolStatus: t.poolStatus, poolEnteredAt: t.poolEnteredAt,
    previousOwnerId: t.previousOwnerId, customerLevel: t.customerLevel, reclaimExempt: t.reclaimExempt, tags: t.tags, activity: lastActivityAt(t, kind.object),
    dealSince: deal ? sql<string>`(${deal.since})::text` : sql<null>`null`, dealFree: deal?.where ? sql<boolean>`${deal.where}` : sql<boolean>`false`,
  }).from(t).leftJoin(schema.users, eq(schema.users.id, t.ownerId)).where(and(scope, eq(t.id, id)));
  if (!row) throw notFound(kind.object);
  const rule = levelRule(settings, row.customerLevel);
  const ot = ownershipTransfers;
  const [last] = await ctx.db.select({ at: max(ot.at) }).from(ot).where(and(eq(ot.workspaceId, ctx.workspaceId), eq(ot.object, kind.object), eq(ot.recordId, id)));
  const exempt = row.reclaimExempt || rule.exempt || row.tags.some((tag) => settings.exemptTags.includes(tag));
  const since = Math.max(new Date(row.activity).getTime(), last?.at ? new Date(last.at).getTime() : 0);
  const applies = !!row.ownerId && settings.reclaimEnabled && !exempt;
  const dates: Array<{ rule: 'no_follow_up' | 'no_deal'; at: number }> = [];
  if (applies && rule.noFollowUpDays > 0) dates.push({ rule: 'no_follow_up', at: since + rule.noFollowUpDays * DAY_MS });
  if (applies && row.dealSince && row.dealFree && rule.noDealDays > 0) dates.push({ rule: 'no_deal', at: new Date(row.dealSince).getTime() + rule.noDealDays * DAY_MS });
  const first = dates.sort((a, b) => a.at - b.at)[0];
  const { tags: _tags, activity: _activity, dealSince: _dealSince, dealFree: _dealFree, ...rest } = row;
  return { ...rest, ownerName: row.ownerName ?? null, poolEnteredAt: row.poolEnteredAt?.toISOString() ?? null, reclaimAt: first ? new Date(first.at).toISOString() : null, reclaimRule: first?.rule ?? null };
}
