import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { TFunnelStep, TPipeline } from '@voyage/contracts';
import { scopedWhere, type Context } from '@voyage/kernel';
import { dealFunnelRollups } from '../db/performance-rollups';
import { deals } from '../db/pipelines';
import { edgeRanges, rollupBuckets, type RangeSplit } from './range-split';

const rate = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);

/**
 * Stage conversion of one pipeline. The cohort is the pipeline's deals created in the range and
 * visible to the reader that have entered one of its open or won stages. A deal counts as having
 * reached a stage when it entered that stage or any later one (deals may skip stages), and the
 * won step when it entered a won stage; lost stages are not steps. Which stages a deal entered
 * is kept on the deal (`reached_stage_ids`, from its stage history), so this is one pass over
 * the cohort with one array test per step, whatever the length of the history. Given a range
 * split (a reader who sees every deal), whole days and months come from the funnel rollup,
 * whose rows count the deals created then by the set of stages they entered, and the partial
 * days at the edges from the deals.
 */
export async function stageConversion(ctx: Context, pipeline: TPipeline, filter: { fromTs: SQL; toTs: SQL; owners?: string[]; split?: RangeSplit }, locale: string): Promise<{ cohort: number; steps: TFunnelStep[] }> {
  const scope = await scopedWhere(ctx, deals, 'deal');
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  const won = pipeline.stages.filter((s) => s.kind === 'won');
  const wonStage = won[0];
  const ids = (list: Array<{ id: string }>) => sql`array[${sql.join(list.map((s) => sql`${s.id}`), sql`, `)}]::uuid[]`;
  // Over (reached, n) rows: one per deal, or one per rollup row with its deal count.
  const reached = (list: Array<{ id: string }>) => (list.length ? sql<number>`coalesce(sum(n) filter (where reached && ${ids(list)}), 0)::int` : sql<number>`0`).mapWith(Number);
  // Reaching a stage: it, a later open stage, or a won one.
  const targets = [
    ...open.map((s) => [...open.filter((o) => o.position >= s.position), ...won]),
    won,
  ];
  const columns = Object.fromEntries([['cohort', reached([...open, ...won])], ...targets.map((t, i) => [`s${i}`, reached(t)])]) as Record<string, SQL<number>>;
  const ofDeals = (range: SQL) => sql`select ${deals.reachedStageIds} as reached, 1 as n from ${deals}
    where ${and(scope, eq(deals.pipelineId, pipeline.id), range, filter.owners ? inArray(deals.ownerId, filter.owners) : undefined)}`;
  const r = dealFunnelRollups;
  const source = filter.split
    ? sql`${sql.join(edgeRanges(filter.split, deals.createdAt).map(ofDeals), sql` union all `)}
      union all select ${r.reached}, ${r.dealCount} from ${r} where ${r.workspaceId} = ${ctx.workspaceId} and ${r.pipelineId} = ${pipeline.id} and ${rollupBuckets(filter.split, r.grain, r.bucket)}`
    : ofDeals(sql`${deals.createdAt} >= ${filter.fromTs} and ${deals.createdAt} < ${filter.toTs}`);
  const [row] = await ctx.db.select(columns).from(sql`(${source}) as funnel`);
  const steps = [
    ...open.map((s, i) => ({ stageId: s.id, name: s.labels[locale] ?? s.name, kind: 'open' as const, reached: Number(row[`s${i}`]) })),
    { stageId: null, name: wonStage ? wonStage.labels[locale] ?? wonStage.name : 'won', kind: 'won' as const, reached: Number(row[`s${open.length}`]) },
  ];
  const first = steps[0]?.reached ?? 0;
  return {
    cohort: Number(row.cohort),
    steps: steps.map((s, i) => ({ ...s, conversionToNext: i + 1 < steps.length ? rate(steps[i + 1].reached, s.reached) : null, conversionFromFirst: rate(s.reached, first) })),
  };
}
