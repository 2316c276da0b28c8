import { and, count, eq, gte, lte, sql, sum } from 'drizzle-orm';
import type { TDealBoardResponse } from '@voyage/contracts';
import { applyFieldSecurity, fieldRule, scopedWhere, type Context } from '@voyage/kernel';
import { deals, pipelines } from '../db/pipelines';
import { ensureDefaultPipeline } from '../pipelines/default-pipeline';
import { loadPipeline } from '../pipelines/load-pipelines';
import { dealColumns, dealToWire } from './deal-wire';
import { ownerInDepartment } from './team-owners';

export interface DealBoardQuery {
  pipelineId?: string;
  ownerId?: string;
  departmentId?: string;
  closeFrom?: string;
  closeTo?: string;
  perStage?: number;
}

/**
 * The kanban of one pipeline (default: the default pipeline): per stage, the count and amount
 * totals of the deals the actor may see, and the most recently changed `perStage` cards.
 * Two queries whatever the number of stages: one grouped, one ranked per stage.
 */
export async function dealBoard(ctx: Context, query: DealBoardQuery): Promise<TDealBoardResponse> {
  const scope = await scopedWhere(ctx, deals, 'deal');
  await ensureDefaultPipeline(ctx.db, ctx.workspaceId, ctx.actor.userId);
  let pipelineId = query.pipelineId;
  if (!pipelineId) {
    const [p] = await ctx.db.select({ id: pipelines.id }).from(pipelines).where(and(eq(pipelines.workspaceId, ctx.workspaceId), eq(pipelines.isDefault, true), sql`${pipelines.deletedAt} is null`));
    pipelineId = p?.id;
  }
  const pipeline = await loadPipeline(ctx.db, ctx.workspaceId, pipelineId ?? '00000000-0000-0000-0000-000000000000');
  const where = and(scope, eq(deals.pipelineId, pipeline.id),
    query.ownerId ? eq(deals.ownerId, query.ownerId) : undefined,
    query.departmentId ? ownerInDepartment(deals.ownerId, ctx.workspaceId, query.departmentId) : undefined,
    query.closeFrom ? gte(deals.closeDate, query.closeFrom) : undefined,
    query.closeTo ? lte(deals.closeDate, query.closeTo) : undefined);
  const perStage = query.perStage ?? 50;
  const amountHidden = fieldRule(ctx.actor, 'deal', 'amountMinor') !== undefined && fieldRule(ctx.actor, 'deal', 'amountMinor') !== 'readonly';
  const [totals, cards] = await Promise.all([
    ctx.db.select({ stageId: deals.stageId, currency: deals.currency, n: count(), amount: sum(deals.amountMinor).mapWith(Number) }).from(deals).where(where).groupBy(deals.stageId, deals.currency),
    (async () => {
      const ranked = ctx.db.select({ ...dealColumns(), rank: sql<number>`row_number() over (partition by ${deals.stageId} order by ${deals.updatedAt} desc, ${deals.id})`.as('rank') }).from(deals).where(where).as('ranked');
      return ctx.db.select().from(ranked).where(lte(ranked.rank, perStage)).orderBy(ranked.rank);
    })(),
  ]);
  const secured = applyFieldSecurity(ctx.actor, 'deal', cards.map(({ rank: _rank, ...row }) => dealToWire(row)));
  return {
    pipeline,
    columns: pipeline.stages.map((stage) => {
      const mine = totals.filter((t) => t.stageId === stage.id);
      return {
        stage,
        count: mine.reduce((n, t) => n + Number(t.n), 0),
        totals: amountHidden ? [] : mine.map((t) => ({ currency: t.currency, amountMinor: t.amount ?? 0 })),
        deals: secured.filter((d) => d.stageId === stage.id) as TDealBoardResponse['columns'][number]['deals'],
      };
    }),
  };
}
