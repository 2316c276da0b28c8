import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { TRepPerformance, TSalesPerformanceQuery, TSalesPerformanceResponse } from '@voyage/contracts';
import { AppError, assertCan, schema, translate, visibleOwnerIds, type Context } from '@voyage/kernel';
import { ensureDefaultPipeline } from '../pipelines/default-pipeline';
import { loadPipelines } from '../pipelines/load-pipelines';
import { workspaceSettings } from '../targets/load-targets';
import { TARGET_ERRORS } from '../targets/target-messages';
import { performanceRollups, splitRange } from './range-split';
import { loadRepFigures, type RepFigures } from './rep-figures';
import { stageConversion } from './stage-conversion';

const rate = (won: number, lost: number) => (won + lost === 0 ? null : Math.round((won / (won + lost)) * 1000) / 1000);
const days = (seconds: number, count: number) => (count === 0 ? null : Math.round(seconds / count / 8640) / 10);

/** Members of a department and every department below it. */
async function departmentMembers(ctx: Context, departmentId: string): Promise<string[]> {
  const [exists] = await ctx.db.select({ id: schema.departments.id }).from(schema.departments)
    .where(and(eq(schema.departments.workspaceId, ctx.workspaceId), eq(schema.departments.id, departmentId), isNull(schema.departments.deletedAt)));
  if (!exists) {
    const message = translate(ctx.locale, 'sales.performance.unknown_department', { field: 'departmentId' });
    throw new AppError(TARGET_ERRORS.unknownDepartment, { message, details: { fields: [{ field: 'departmentId', code: 'unknown', message }] } });
  }
  const result = (await ctx.db.execute(sql`
    with recursive tree(id) as (
      select ${departmentId}::uuid
      union
      select d.id from departments d join tree on d.parent_id = tree.id where d.workspace_id = ${ctx.workspaceId}::uuid and d.deleted_at is null
    ) select m.user_id from memberships m where m.workspace_id = ${ctx.workspaceId}::uuid and m.department_id in (select id from tree)`)) as unknown as { rows: Array<{ user_id: string }> };
  return result.rows.map((r) => r.user_id);
}

function compare(sort: TSalesPerformanceQuery['sort'], a: Omit<TRepPerformance, 'rank'>, b: Omit<TRepPerformance, 'rank'>): number {
  const value = (r: Omit<TRepPerformance, 'rank'>) => (sort === 'wonAmount' ? r.wonAmountMinor : sort === 'openPipeline' ? r.openPipelineMinor : r[sort]);
  const [x, y] = [value(a), value(b)];
  if (x !== y) {
    if (x === null) return 1;
    if (y === null) return -1;
    // A shorter cycle ranks higher; every other figure the bigger the better.
    return sort === 'avgCycleDays' ? x - y : y - x;
  }
  return b.wonAmountMinor - a.wonAmountMinor || a.name.localeCompare(b.name);
}

/**
 * The sales performance report over a date range, within the reader's data scope: per rep
 * won and lost deals closed in the range, win rate, average cycle of the won deals, activities
 * (tasks and meetings completed, stage moves) and open pipeline; a leaderboard sorted by the
 * chosen figure; and the stage conversion funnel of one pipeline.
 */
export async function getSalesPerformance(ctx: Context, query: TSalesPerformanceQuery): Promise<TSalesPerformanceResponse> {
  assertCan(ctx.actor, 'deal', 'read');
  if (query.from > query.to) {
    const message = translate(ctx.locale, 'sales.performance.to_before_from', { field: 'to' });
    throw new AppError('validation_failed', { details: { fields: [{ field: 'to', code: 'before_from', message }] } });
  }
  const settings = await workspaceSettings(ctx);
  const currency = query.currency ?? settings.currency;
  const fromTs = sql`(${query.from}::date::timestamp at time zone ${settings.timezone})`;
  const toTs = sql`((${query.to}::date + 1)::timestamp at time zone ${settings.timezone})`;
  const owners = query.departmentId ? await departmentMembers(ctx, query.departmentId) : undefined;
  await ensureDefaultPipeline(ctx.db, ctx.workspaceId, ctx.actor.userId);
  const pipelines = await loadPipelines(ctx.db, ctx.workspaceId);
  const pipeline = query.pipelineId ? pipelines.find((p) => p.id === query.pipelineId) : pipelines.find((p) => p.isDefault) ?? pipelines[0];
  if (!pipeline) {
    const message = translate(ctx.locale, 'sales.field.unknown_pipeline', { field: 'pipelineId' });
    throw new AppError('business_rule', { message, details: { fields: [{ field: 'pipelineId', code: 'unknown', message }] } });
  }
  const visible = await visibleOwnerIds(ctx.db, ctx.actor);
  // A reader who sees every record, without a department filter, reads the rollups.
  const split = performanceRollups.enabled && visible === 'all' && !owners ? await splitRange(ctx, fromTs, toTs) : undefined;
  const [figures, funnel] = await Promise.all([
    loadRepFigures(ctx, { fromTs, toTs, currency, pipelineId: query.pipelineId, owners, split }),
    stageConversion(ctx, pipeline, { fromTs, toTs, owners, split }, ctx.locale),
  ]);
  // Stage moves are counted by who made them; a rep sees only their own row.
  const ids = [...figures.keys()].filter((id) => visible === 'all' || visible.includes(id));
  const people = ids.length === 0 ? [] : await ctx.db.select({ userId: schema.users.id, name: schema.users.name, departmentId: schema.memberships.departmentId })
    .from(schema.users).leftJoin(schema.memberships, and(eq(schema.memberships.userId, schema.users.id), eq(schema.memberships.workspaceId, ctx.workspaceId)))
    .where(inArray(schema.users.id, ids));
  const rows = people.map((p) => {
    const f = figures.get(p.userId) as RepFigures;
    return {
      userId: p.userId, name: p.name, departmentId: p.departmentId ?? null,
      wonCount: f.wonCount, wonAmountMinor: f.wonAmountMinor, lostCount: f.lostCount, winRate: rate(f.wonCount, f.lostCount), avgCycleDays: days(f.cycleSeconds, f.wonCount),
      tasksCompleted: f.tasksCompleted, stageMoves: f.stageMoves, activities: f.tasksCompleted + f.stageMoves, openPipelineMinor: f.openPipelineMinor, openCount: f.openCount,
    };
  }).sort((a, b) => compare(query.sort, a, b));
  const sum = (pick: (f: RepFigures) => number) => ids.reduce((s, id) => s + pick(figures.get(id)!), 0);
  const [wonCount, lostCount] = [sum((f) => f.wonCount), sum((f) => f.lostCount)];
  return {
    from: query.from, to: query.to, currency, pipelineId: pipeline.id,
    totals: {
      wonCount, wonAmountMinor: sum((f) => f.wonAmountMinor), lostCount, winRate: rate(wonCount, lostCount), avgCycleDays: days(sum((f) => f.cycleSeconds), wonCount),
      activities: sum((f) => f.tasksCompleted + f.stageMoves), openPipelineMinor: sum((f) => f.openPipelineMinor),
    },
    reps: rows.map((r, i) => ({ rank: i + 1, ...r })),
    funnel,
    activitiesNote: translate(ctx.locale, 'sales.performance.activities_note'),
  };
}
