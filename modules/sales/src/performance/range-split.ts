import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Context } from '@voyage/kernel';

/**
 * Whether readers who see every record get their figures from the performance rollups
 * (migration 0020). Only the tests turn it off, to compare with the records themselves.
 */
export const performanceRollups = { enabled: true };

/**
 * A report range [from, to) split for the rollups, which keep UTC days and UTC months: the
 * whole months inside it, the whole days around them, and the partial days at its edges
 * ([from, firstDay) and [lastDay, to)), which are counted from the records.
 */
export interface RangeSplit {
  from: string;
  to: string;
  /** First and last (exclusive) whole UTC day, as timestamps. */
  firstDay: string;
  lastDay: string;
  /** The same as dates, and the whole months between them ([firstMonth, lastMonth), empty when equal). */
  d0: string;
  d1: string;
  m0: string;
  m1: string;
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);

export async function splitRange(ctx: Pick<Context, 'db'>, fromTs: SQL, toTs: SQL): Promise<RangeSplit> {
  const result = (await ctx.db.execute(sql`select extract(epoch from ${fromTs})::float8 * 1000 as f, extract(epoch from ${toTs})::float8 * 1000 as t`)) as unknown as { rows: Array<{ f: number | string; t: number | string }> };
  const [f, t] = [Number(result.rows[0].f), Number(result.rows[0].t)];
  let d0 = Math.ceil(f / DAY_MS) * DAY_MS;
  let d1 = Math.floor(t / DAY_MS) * DAY_MS;
  // Under a whole day: everything from the records.
  if (d0 >= d1) d0 = d1 = t;
  const monthStart = (ms: number) => { const d = new Date(ms); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); };
  const nextMonth = (ms: number) => { const d = new Date(ms); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); };
  let m0 = monthStart(d0) === d0 ? d0 : nextMonth(d0);
  let m1 = monthStart(d1);
  if (m0 >= m1) m0 = m1 = d1;
  return { from: iso(f), to: iso(t), firstDay: iso(d0), lastDay: iso(d1), d0: day(d0), d1: day(d1), m0: day(m0), m1: day(m1) };
}

/** Records whose time falls in the partial days at the edges of the range. */
export function edgeRanges(split: RangeSplit, column: AnyPgColumn): SQL[] {
  return [
    sql`${column} >= ${split.from}::timestamptz and ${column} < ${split.firstDay}::timestamptz`,
    sql`${column} >= ${split.lastDay}::timestamptz and ${column} < ${split.to}::timestamptz`,
  ];
}

/**
 * Rollup rows of the whole months and days of the range (a rollup table's grain and bucket):
 * one index range per non-empty part, so each is read off the primary key.
 */
export function rollupBuckets(split: RangeSplit, grain: AnyPgColumn, bucket: AnyPgColumn): SQL {
  const parts = ([['m', split.m0, split.m1], ['d', split.d0, split.m0], ['d', split.m1, split.d1]] as const)
    .filter(([, from, to]) => from < to)
    .map(([g, from, to]) => sql`(${grain} = ${g} and ${bucket} >= ${from}::date and ${bucket} < ${to}::date)`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}
