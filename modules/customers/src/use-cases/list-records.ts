import { and } from 'drizzle-orm';
import { applyFieldSecurity, buildListQuery, loadCustomFieldDefs, scopedWhere, type Context } from '@voyage/kernel';
import type { contacts } from '../db/schema';
import { publicColumns, toWire, type RecordKind } from '../record-kinds';

/**
 * A page of records under the list conventions (filter, sort, keyset cursor, limit,
 * fields), within the actor's data scope, with field security applied. `trash=true`
 * lists deleted records instead.
 */
export async function listRecords(ctx: Context, kind: RecordKind, query: Record<string, unknown>): Promise<{ data: Array<Record<string, unknown>>; nextCursor: string | null }> {
  const t = kind.table as typeof contacts;
  const trash = query.trash === 'true';
  const scope = await scopedWhere(ctx, t, kind.object, { onlyDeleted: trash });
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, kind.object);
  const plan = buildListQuery(kind.list, query, { defs, locale: ctx.locale, actor: ctx.actor, object: kind.object });
  const rows = await ctx.db
    .select({ ...publicColumns(t), ...plan.cursorColumns })
    .from(t)
    .where(and(scope, plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit + 1);
  const { rows: pageRows, nextCursor } = plan.page(rows as Array<Record<string, unknown>>);
  const secured = applyFieldSecurity(ctx.actor, kind.object, pageRows.map(toWire));
  return { data: secured.map((r) => plan.pick(r)), nextCursor };
}
