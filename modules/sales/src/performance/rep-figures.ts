import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { can, scopedWhere, visibleOwnerIds, type Context } from '@voyage/kernel';
import { dealStageHistory, deals } from '../db/pipelines';
import { tasks } from '../db/tasks';

/** Raw figures of one user in a range, before rates and ranking. */
export interface RepFigures {
  wonCount: number;
  wonAmountMinor: number;
  lostCount: number;
  /** Sum of creation-to-close seconds over the won deals, and how many. */
  cycleSeconds: number;
  tasksCompleted: number;
  stageMoves: number;
  openCount: number;
  openPipelineMinor: number;
}

export interface FigureFilter {
  fromTs: SQL;
  toTs: SQL;
  currency: string;
  pipelineId?: string;
  /** Only deals and activities of these users (a department filter). */
  owners?: string[];
}

const empty = (): RepFigures => ({ wonCount: 0, wonAmountMinor: 0, lostCount: 0, cycleSeconds: 0, tasksCompleted: 0, stageMoves: 0, openCount: 0, openPipelineMinor: 0 });

/**
 * Per-user figures, in four grouped queries, all through the reader's data scope: deals
 * closed in the range (won, lost, amount, cycle), open pipeline now, tasks and meetings
 * completed in the range, and stage moves made in the range on deals the reader sees.
 */
export async function loadRepFigures(ctx: Context, filter: FigureFilter): Promise<Map<string, RepFigures>> {
  const dealScope = await scopedWhere(ctx, deals, 'deal');
  const dealWhere = and(dealScope, filter.pipelineId ? eq(deals.pipelineId, filter.pipelineId) : undefined, filter.owners ? inArray(deals.ownerId, filter.owners) : undefined);
  const inRange = (column: AnyPgColumn) => sql`${column} >= ${filter.fromTs} and ${column} < ${filter.toTs}`;
  const closed = ctx.db.select({
    userId: deals.ownerId,
    won: sql<number>`count(*) filter (where ${deals.status} = 'won')::int`,
    wonAmount: sql<string>`coalesce(sum(${deals.amountMinor}) filter (where ${deals.status} = 'won' and ${deals.currency} = ${filter.currency}), 0)::text`,
    lost: sql<number>`count(*) filter (where ${deals.status} = 'lost')::int`,
    cycle: sql<string>`coalesce(sum(extract(epoch from ${deals.closedAt} - ${deals.createdAt})) filter (where ${deals.status} = 'won'), 0)::text`,
  }).from(deals).where(and(dealWhere, inArray(deals.status, ['won', 'lost']), inRange(deals.closedAt))).groupBy(deals.ownerId);
  const open = ctx.db.select({
    userId: deals.ownerId,
    count: sql<number>`count(*)::int`,
    amount: sql<string>`coalesce(sum(${deals.amountMinor}) filter (where ${deals.currency} = ${filter.currency}), 0)::text`,
  }).from(deals).where(and(dealWhere, eq(deals.status, 'open'))).groupBy(deals.ownerId);
  // A reader who sees every deal counts moves off the history's own index, leaving out only
  // trashed deals; otherwise each move's deal must be one the reader sees (and the filter's).
  const seesAll = (await visibleOwnerIds(ctx.db, ctx.actor)) === 'all' && !filter.owners;
  const h = dealStageHistory;
  const moves = seesAll
    ? ctx.db.select({ userId: h.changedBy, count: sql<number>`count(*)::int` }).from(h)
      .where(and(eq(h.workspaceId, ctx.workspaceId), sql`${h.fromStageId} is not null`, inRange(h.changedAt), filter.pipelineId ? eq(h.pipelineId, filter.pipelineId) : undefined,
        sql`not exists (select 1 from ${deals} where ${deals.workspaceId} = ${h.workspaceId} and ${deals.id} = ${h.dealId} and ${deals.deletedAt} is not null)`))
      .groupBy(h.changedBy)
    : ctx.db.select({ userId: h.changedBy, count: sql<number>`count(*)::int` })
      .from(h).innerJoin(deals, and(eq(deals.workspaceId, h.workspaceId), eq(deals.id, h.dealId)))
      .where(and(dealWhere, sql`${h.fromStageId} is not null`, inRange(h.changedAt), filter.owners ? inArray(h.changedBy, filter.owners) : undefined))
      .groupBy(h.changedBy);
  // Tasks are their own object: a role without the right to read tasks sees no task counts.
  const done = can(ctx.actor, 'task', 'read')
    ? scopedWhere(ctx, tasks, 'task').then((taskScope) => ctx.db.select({ userId: tasks.ownerId, count: sql<number>`count(*)::int` }).from(tasks)
      .where(and(taskScope, eq(tasks.status, 'done'), inRange(tasks.completedAt), filter.owners ? inArray(tasks.ownerId, filter.owners) : undefined)).groupBy(tasks.ownerId))
    : Promise.resolve([]);
  const [closedRows, openRows, moveRows, doneRows] = await Promise.all([closed, open, moves, done]);
  const figures = new Map<string, RepFigures>();
  const of = (userId: string | null) => {
    if (!userId) return null;
    let f = figures.get(userId);
    if (!f) figures.set(userId, (f = empty()));
    return f;
  };
  for (const r of closedRows) {
    const f = of(r.userId);
    if (f) Object.assign(f, { wonCount: Number(r.won), wonAmountMinor: Number(r.wonAmount), lostCount: Number(r.lost), cycleSeconds: Number(r.cycle) });
  }
  for (const r of openRows) {
    const f = of(r.userId);
    if (f) Object.assign(f, { openCount: Number(r.count), openPipelineMinor: Number(r.amount) });
  }
  for (const r of moveRows) {
    const f = of(r.userId);
    if (f) f.stageMoves = Number(r.count);
  }
  for (const r of doneRows) {
    const f = of(r.userId);
    if (f) f.tasksCompleted = Number(r.count);
  }
  return figures;
}
