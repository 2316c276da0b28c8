import { and } from 'drizzle-orm';
import { applyFieldSecurity, buildListQuery, loadCustomFieldDefs, scopedWhere, type Context } from '@voyage/kernel';
import type { contacts } from '../db/schema';
import { publicColumns, toWire } from '../record-kinds';
import { kindOf, loadSegment } from './segment-access';
import { segmentCondition } from './segment-condition';

/** A keyset page of a segment's members that the actor can see, with field security applied. */
export async function listSegmentMembers(ctx: Context, id: string, query: { limit?: number; cursor?: string; sort?: string }): Promise<{ data: Array<Record<string, unknown>>; nextCursor: string | null }> {
  const segment = await loadSegment(ctx, id);
  const kind = kindOf(segment.object);
  const t = kind.table as typeof contacts;
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, kind.object);
  const plan = buildListQuery(kind.list, { limit: query.limit, cursor: query.cursor, sort: query.sort ?? 'name' }, { defs, locale: ctx.locale, actor: ctx.actor, object: kind.object });
  const rows = await ctx.db.select({ ...publicColumns(t), ...plan.cursorColumns }).from(t)
    .where(and(await scopedWhere(ctx, t, kind.object), await segmentCondition(ctx, kind, segment), plan.where))
    .orderBy(...plan.orderBy).limit(plan.limit + 1);
  const page = plan.page(rows as Array<Record<string, unknown>>);
  return { data: applyFieldSecurity(ctx.actor, kind.object, page.rows.map(toWire)), nextCursor: page.nextCursor };
}
