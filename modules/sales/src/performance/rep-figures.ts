import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { can, scopedWhere, visibleOwnerIds, type Context } from '@voyage/kernel';
import { dealStageHistory, deals } from '../db/pipelines';
import { dealClosedRollups, dealMoveRollups, taskDoneRollups } from '../db/performance-rollups';
import { tasks } from '../db/tasks';
import { edgeRanges, rollupBuckets, type RangeSplit } from './range-split';

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
  /**
   * The range split for the rollups: given for a reader who sees every record and no owner
   * filter, whose closed deals, stage moves and completed tasks come from the rollups.
   */
  split?: RangeSplit;
}

interface ClosedRow { userId: string | null; won: number; wonAmount: string; lost: number; cycle: string }
interface CountRow { userId: string | null; count: number }
const rowsOf = async <T>(query: Promise<unknown>) => ((await query) as { rows: T[] }).rows;

/**
 * The rollup path: each figure is the sum of the rollup rows of the range's whole months and
 * days and of the records in its two partial edge days, in one query per figure.
 */
function fromRollups(ctx: Context, filter: FigureFilter, split: RangeSplit, withTasks: boolean) {
  const ws = ctx.workspaceId;
  const c = dealClosedRollups;
  const closedEdge = (range: SQL) => sql`select ${deals.ownerId} as owner_id, count(*) filter (where ${deals.status} = 'won') as won,
      coalesce(sum(${deals.amountMinor}) filter (where ${deals.status} = 'won' and ${deals.currency} = ${filter.currency}), 0) as won_amount,
      count(*) filter (where ${deals.status} = 'lost') as lost, coalesce(sum(extract(epoch from ${deals.closedAt} - ${deals.createdAt})) filter (where ${deals.status} = 'won'), 0) as cycle
    from ${deals} where ${deals.workspaceId} = ${ws} and ${deals.deletedAt} is null and ${deals.status} in ('won', 'lost') and ${range}
      ${filter.pipelineId ? sql`and ${deals.pipelineId} = ${filter.pipelineId}` : sql``} group by 1`;
  const closed = rowsOf<ClosedRow>(ctx.db.execute(sql`select owner_id as "userId", sum(won)::int as won, sum(won_amount)::text as "wonAmount", sum(lost)::int as lost, sum(cycle)::text as cycle from (
    ${sql.join(edgeRanges(split, deals.closedAt).map(closedEdge), sql` union all `)}
    union all
    select ${c.ownerId}, coalesce(sum(${c.dealCount}) filter (where ${c.status} = 'won'), 0), coalesce(sum(${c.amountMinor}) filter (where ${c.status} = 'won' and ${c.currency} = ${filter.currency}), 0),
      coalesce(sum(${c.dealCount}) filter (where ${c.status} = 'lost'), 0), coalesce(sum(${c.cycleSeconds}) filter (where ${c.status} = 'won'), 0)
    from ${c} where ${c.workspaceId} = ${ws} and ${rollupBuckets(split, c.grain, c.bucket)} ${filter.pipelineId ? sql`and ${c.pipelineId} = ${filter.pipelineId}` : sql``} group by 1
  ) x group by 1`));
  const h = dealStageHistory;
  const m = dealMoveRollups;
  const moveEdge = (range: SQL) => sql`select ${h.changedBy} as user_id, count(*) as n from ${h}
    where ${h.workspaceId} = ${ws} and ${h.fromStageId} is not null and ${range} ${filter.pipelineId ? sql`and ${h.pipelineId} = ${filter.pipelineId}` : sql``}
      and not exists (select 1 from ${deals} where ${deals.workspaceId} = ${h.workspaceId} and ${deals.id} = ${h.dealId} and ${deals.deletedAt} is not null) group by 1`;
  const moves = rowsOf<CountRow>(ctx.db.execute(sql`select user_id as "userId", sum(n)::int as count from (
    ${sql.join(edgeRanges(split, h.changedAt).map(moveEdge), sql` union all `)}
    union all
    select ${m.userId}, sum(${m.moveCount}) from ${m} where ${m.workspaceId} = ${ws} and ${rollupBuckets(split, m.grain, m.bucket)} ${filter.pipelineId ? sql`and ${m.pipelineId} = ${filter.pipelineId}` : sql``} group by 1
  ) x group by 1`));
  const t = taskDoneRollups;
  const doneEdge = (range: SQL) => sql`select ${tasks.ownerId} as owner_id, count(*) as n from ${tasks}
    where ${tasks.workspaceId} = ${ws} and ${tasks.deletedAt} is null and ${tasks.status} = 'done' and ${range} group by 1`;
  const done = withTasks ? rowsOf<CountRow>(ctx.db.execute(sql`select owner_id as "userId", sum(n)::int as count from (
    ${sql.join(edgeRanges(split, tasks.completedAt).map(doneEdge), sql` union all `)}
    union all
    select ${t.ownerId}, sum(${t.taskCount}) from ${t} where ${t.workspaceId} = ${ws} and ${rollupBuckets(split, t.grain, t.bucket)} group by 1
  ) x group by 1`)) : Promise.resolve([]);
  return { closed, moves, done };
}

const empty = (): RepFigures => ({ wonCount: 0, wonAmountMinor: 0, lostCount: 0, cycleSeconds: 0, tasksCompleted: 0, stageMoves: 0, openCount: 0, openPipelineMinor: 0 });

/**
 * Per-user figures, in four grouped queries, all through the reader's data scope: deals
 * closed in the range (won, lost, amount, cycle), open pipeline now, tasks and meetings
 * completed in the range, and stage moves made in the range on deals the reader sees.
 */
export async function loadRepFigures(ctx: Context, filter: FigureFilter): Promise<Map<string, RepFigures>> {
  const dealScope = await scopedWhere(ctx, deals, 'deal');
  const open = ctx.db.select({
    userId: deals.ownerId,
    count: sql<number>`count(*)::int`,
    amount: sql<string>`coalesce(sum(${deals.amountMinor}) filter (where ${deals.currency} = ${filter.currency}), 0)::text`,
  }).from(deals).where(and(dealScope, filter.pipelineId ? eq(deals.pipelineId, filter.pipelineId) : undefined, filter.owners ? inArray(deals.ownerId, filter.owners) : undefined, eq(deals.status, 'open'))).groupBy(deals.ownerId);
  const withTasks = can(ctx.actor, 'task', 'read');
  if (filter.split) {
    // The task scope's checks (rights, API key scope) still apply.
    if (withTasks) await scopedWhere(ctx, tasks, 'task');
    const { closed, moves, done } = fromRollups(ctx, filter, filter.split, withTasks);
    return collect(await Promise.all([closed, open, moves, done]));
  }
  const dealWhere = and(dealScope, filter.pipelineId ? eq(deals.pipelineId, filter.pipelineId) : undefined, filter.owners ? inArray(deals.ownerId, filter.owners) : undefined);
  const inRange = (column: AnyPgColumn) => sql`${column} >= ${filter.fromTs} and ${column} < ${filter.toTs}`;
  const closed = ctx.db.select({
    userId: deals.ownerId,
    won: sql<number>`count(*) filter (where ${deals.status} = 'won')::int`,
    wonAmount: sql<string>`coalesce(sum(${deals.amountMinor}) filter (where ${deals.status} = 'won' and ${deals.currency} = ${filter.currency}), 0)::text`,
    lost: sql<number>`count(*) filter (where ${deals.status} = 'lost')::int`,
    cycle: sql<string>`coalesce(sum(extract(epoch from ${deals.closedAt} - ${deals.createdAt})) filter (where ${deals.status} = 'won'), 0)::text`,
  }).from(deals).where(and(dealWhere, inArray(deals.status, ['won', 'lost']), inRange(deals.closedAt))).groupBy(deals.ownerId);
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
  const done = withTasks
    ? scopedWhere(ctx, tasks, 'task').then((taskScope) => ctx.db.select({ userId: tasks.ownerId, count: sql<number>`count(*)::int` }).from(tasks)
      .where(and(taskScope, eq(tasks.status, 'done'), inRange(tasks.completedAt), filter.owners ? inArray(tasks.ownerId, filter.owners) : undefined)).groupBy(tasks.ownerId))
    : Promise.resolve([]);
  return collect(await Promise.all([closed, open, moves, done]));
}

type OpenRow = { userId: string | null; count: number; amount: string };

function collect([closedRows, openRows, moveRows, doneRows]: [ClosedRow[], OpenRow[], CountRow[], CountRow[]]): Map<string, RepFigures> {
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
