import { and, count, sql, type SQL } from 'drizzle-orm';
import { scopedWhere, type Context } from '@voyage/kernel';
import type { contacts } from '../db/schema';
import type { RecordKind } from '../record-kinds';

/** Records matching `condition` that the actor can see. */
export async function countSegment(ctx: Context, kind: RecordKind, condition: SQL): Promise<number> {
  const t = kind.table as typeof contacts;
  const [row] = await ctx.db.select({ n: count() }).from(t).where(and(await scopedWhere(ctx, t, kind.object), condition));
  return Number(row.n);
}

/**
 * Counts several segments of one object in a single pass over its table (one `count(*) FILTER`
 * column per segment) instead of one query each.
 */
export async function countSegments(ctx: Context, kind: RecordKind, conditions: SQL[]): Promise<number[]> {
  if (conditions.length === 0) return [];
  const t = kind.table as typeof contacts;
  const columns = Object.fromEntries(conditions.map((c, i) => [`n${i}`, sql<number>`count(*) filter (where ${c})`.mapWith(Number)]));
  const [row] = await ctx.db.select(columns).from(t).where(await scopedWhere(ctx, t, kind.object));
  return conditions.map((_, i) => Number(row[`n${i}`]));
}
