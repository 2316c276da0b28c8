import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { TFunnelStep, TPipeline } from '@voyage/contracts';
import { scopedWhere, type Context } from '@voyage/kernel';
import { dealStageHistory, deals, pipelineStages } from '../db/pipelines';

// Stands for "won" when ranking how far a deal got; above any stage position.
const WON = 1_000_000;
const rate = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);

/**
 * Stage conversion of one pipeline from the stage history. The cohort is the pipeline's
 * deals created in the range and visible to the reader. A deal counts as having reached a
 * stage when its history entered that stage or any later one (deals may skip stages), and
 * the won step when it entered a won stage; lost stages are not steps.
 */
export async function stageConversion(ctx: Context, pipeline: TPipeline, filter: { fromTs: SQL; toTs: SQL; owners?: string[] }, locale: string): Promise<{ cohort: number; steps: TFunnelStep[] }> {
  const scope = await scopedWhere(ctx, deals, 'deal');
  const reach = sql<number>`max(case when ${pipelineStages.kind} = 'won' then ${WON} else ${pipelineStages.position} end)`;
  const perDeal = ctx.db.select({ dealId: deals.id, reach: reach.as('reach') }).from(deals)
    .innerJoin(dealStageHistory, and(eq(dealStageHistory.workspaceId, deals.workspaceId), eq(dealStageHistory.dealId, deals.id)))
    .innerJoin(pipelineStages, and(eq(pipelineStages.workspaceId, dealStageHistory.workspaceId), eq(pipelineStages.id, dealStageHistory.toStageId), eq(pipelineStages.pipelineId, pipeline.id)))
    .where(and(scope, eq(deals.pipelineId, pipeline.id), sql`${deals.createdAt} >= ${filter.fromTs} and ${deals.createdAt} < ${filter.toTs}`, sql`${pipelineStages.kind} <> 'lost'`, filter.owners ? inArray(deals.ownerId, filter.owners) : undefined))
    .groupBy(deals.id).as('per_deal');
  const rows = await ctx.db.select({ reach: perDeal.reach, count: sql<number>`count(*)::int` }).from(perDeal).groupBy(perDeal.reach);
  const reachedAtLeast = (position: number) => rows.reduce((sum, r) => sum + (Number(r.reach) >= position ? Number(r.count) : 0), 0);
  const cohort = rows.reduce((sum, r) => sum + Number(r.count), 0);
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  const wonStage = pipeline.stages.find((s) => s.kind === 'won');
  const steps = [
    ...open.map((s) => ({ stageId: s.id, name: s.labels[locale] ?? s.name, kind: 'open' as const, reached: reachedAtLeast(s.position) })),
    { stageId: null, name: wonStage ? wonStage.labels[locale] ?? wonStage.name : 'won', kind: 'won' as const, reached: reachedAtLeast(WON) },
  ];
  const first = steps[0]?.reached ?? 0;
  return {
    cohort,
    steps: steps.map((s, i) => ({ ...s, conversionToNext: i + 1 < steps.length ? rate(steps[i + 1].reached, s.reached) : null, conversionFromFirst: rate(s.reached, first) })),
  };
}
