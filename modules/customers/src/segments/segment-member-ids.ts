import { and } from 'drizzle-orm';
import { buildListQuery, scopedWhere, type Context } from '@voyage/kernel';
import type { contacts } from '../db/schema';
import { kindOf, loadSegment } from './segment-access';
import { segmentCondition } from './segment-condition';

/**
 * Ids of a segment's members in id order, a page at a time, within the caller's data scope:
 * what automation and marketing read (through public.ts) to act on a segment.
 */
export async function segmentMemberIds(ctx: Context, segmentId: string, options: { cursor?: string | null; limit?: number } = {}): Promise<{ object: 'contact' | 'account'; ids: string[]; nextCursor: string | null }> {
  const segment = await loadSegment(ctx, segmentId);
  const kind = kindOf(segment.object);
  const t = kind.table as typeof contacts;
  const plan = buildListQuery(kind.list, { sort: 'id', limit: options.limit ?? 200, cursor: options.cursor ?? undefined }, { defs: [], locale: ctx.locale });
  const rows = await ctx.db.select({ id: t.id, ...plan.cursorColumns }).from(t)
    .where(and(await scopedWhere(ctx, t, kind.object), await segmentCondition(ctx, kind, segment), plan.where))
    .orderBy(...plan.orderBy).limit(plan.limit + 1);
  const page = plan.page(rows as Array<Record<string, unknown>>);
  return { object: kind.object, ids: page.rows.map((r) => r.id as string), nextCursor: page.nextCursor };
}
