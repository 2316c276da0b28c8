import { and, count, eq, gte, inArray, lte, sql, sum, type SQL } from 'drizzle-orm';
import type { TDealBoardResponse } from '@voyage/contracts';
import { applyFieldSecurity, fieldRule, scopedWhere, visibleOwnerIds, type Context } from '@voyage/kernel';
import { dealBoardTotals, NO_OWNER } from '../db/deal-board-totals';
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

type Totals = Array<{ stageId: string; currency: string; n: number; amount: number | null }>;

/**
 * Column counts and amounts. Without a close-date filter they come from `deal_board_totals`
 * (kept by a trigger per stage, owner and currency), summed over the owners the reader may see,
 * plus the deals shared with the reader whose owners they may not see, counted live. With a
 * close-date filter the deals themselves are summed.
 */
async function boardTotals(ctx: Context, pipelineId: string, where: SQL | undefined, query: DealBoardQuery): Promise<Totals> {
  const live = (extra?: SQL) => ctx.db.select({ stageId: deals.stageId, currency: deals.currency, n: count(), amount: sum(deals.amountMinor).mapWith(Number) })
    .from(deals).where(and(where, extra)).groupBy(deals.stageId, deals.currency);
  if (query.closeFrom || query.closeTo) return live();
  const owners = await visibleOwnerIds(ctx.db, ctx.actor);
  const t = dealBoardTotals;
  const fromSummary = ctx.db.select({ stageId: t.stageId, currency: t.currency, n: sql<number>`sum(${t.dealCount})`.mapWith(Number), amount: sql<number>`sum(${t.amountMinor})`.mapWith(Number) })
    .from(t)
    .where(and(eq(t.workspaceId, ctx.workspaceId), eq(t.pipelineId, pipelineId),
      owners === 'all' ? undefined : inArray(t.ownerId, owners.length ? owners : [NO_OWNER]),
      query.ownerId ? eq(t.ownerId, query.ownerId) : undefined,
      query.departmentId ? ownerInDepartment(t.ownerId, ctx.workspaceId, query.departmentId) : undefined))
    .groupBy(t.stageId, t.currency);
  if (owners === 'all' || owners.length === 0) return (await fromSummary).filter((r) => r.n !== 0);
  // Deals the reader sees only because they were shared with them.
  const [summed, shared] = await Promise.all([fromSummary, live(sql`(${deals.ownerId} is null or not (${inArray(deals.ownerId, owners)}))`)]);
  const merged = new Map<string, Totals[number]>();
  for (const r of [...summed, ...shared]) {
    const key = `${r.stageId}|${r.currency}`;
    const m = merged.get(key);
    if (m) { m.n += Number(r.n); m.amount = (m.amount ?? 0) + (r.amount ?? 0); } else merged.set(key, { ...r, n: Number(r.n) });
  }
  return [...merged.values()].filter((r) => r.n !== 0);
}

/**
 * The kanban of one pipeline (default: the default pipeline): per stage, the count and amount
 * totals of the deals the actor may see, and the most recently changed `perStage` cards.
 * One grouped query for the totals, and one small query per stage for its cards.
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
    boardTotals(ctx, pipeline.id, where, query),
    // One LIMIT query per stage read straight off the board index (its order is `updated_at desc
    // nulls last`, so the sort says the same), rather than ranking every deal of the pipeline:
    // at 180,000 deals that ranking alone took most of a second.
    Promise.all(pipeline.stages.map((stage) => ctx.db.select(dealColumns()).from(deals)
      .where(and(where, eq(deals.stageId, stage.id))).orderBy(sql`${deals.updatedAt} desc nulls last`).limit(perStage))).then((lists) => lists.flat()),
  ]);
  const secured = applyFieldSecurity(ctx.actor, 'deal', cards.map((row) => dealToWire(row)));
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
