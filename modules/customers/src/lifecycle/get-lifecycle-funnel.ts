import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { scopedWhere, type Context } from '@voyage/kernel';
import { LIFECYCLE_FUNNEL_STAGES, type TLifecycleFunnelQuery, type TLifecycleFunnelResponse } from '@voyage/contracts';
import { lifecycleHistory } from '../db/ownership';
import { kindOf, tableOf } from '../ownership/owned-kinds';

const DAY_MS = 86_400_000;

/**
 * Records entering each stage within [from, to] (each record counted once per stage), and
 * the conversion between consecutive stages: entered(next) / entered(this).
 */
export async function getLifecycleFunnel(ctx: Context, query: TLifecycleFunnelQuery, now = new Date()): Promise<TLifecycleFunnelResponse> {
  const object = query.object ?? 'contact';
  const t = tableOf(kindOf(object));
  // Counts only records the actor may see, like every other read.
  const scope = await scopedWhere(ctx, t, object);
  const to = query.to ?? now.toISOString().slice(0, 10);
  const from = query.from ?? new Date(Date.parse(to) - 89 * DAY_MS).toISOString().slice(0, 10);
  const h = lifecycleHistory;
  const rows = await ctx.db.select({ stage: h.toStage, n: sql<number>`count(distinct ${h.recordId})::int` }).from(h)
    .innerJoin(t, and(eq(t.workspaceId, h.workspaceId), eq(t.id, h.recordId)))
    .where(and(scope, eq(h.workspaceId, ctx.workspaceId), eq(h.object, object), gte(h.changedAt, new Date(`${from}T00:00:00Z`)), lt(h.changedAt, new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS))))
    .groupBy(h.toStage);
  const counts = new Map(rows.map((r) => [r.stage, r.n]));
  const entered = LIFECYCLE_FUNNEL_STAGES.map((stage) => counts.get(stage) ?? 0);
  return {
    object, from, to,
    stages: LIFECYCLE_FUNNEL_STAGES.map((stage, i) => ({
      stage, entered: entered[i],
      conversionToNext: i < entered.length - 1 && entered[i] > 0 ? Math.round((entered[i + 1] / entered[i]) * 1000) / 1000 : null,
    })),
    churned: counts.get('churned') ?? 0,
  };
}
