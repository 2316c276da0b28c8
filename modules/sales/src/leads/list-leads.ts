import { and, eq, isNull } from 'drizzle-orm';
import { applyFieldSecurity, assertCan, buildListQuery, loadCustomFieldDefs, type Context, type ListSpec } from '@voyage/kernel';
import { leads } from '../db/leads';
import { leadScope } from './load-lead';
import { leadColumns, leadToWire } from './lead-wire';

export const leadListSpec: ListSpec = {
  id: leads.id,
  custom: leads.custom,
  defaultSort: '-updatedAt',
  fields: {
    name: { column: leads.name, kind: 'text', sortable: true },
    company: { column: leads.company, kind: 'text', sortable: true },
    title: { column: leads.title, kind: 'text' },
    email: { column: leads.email, kind: 'text' },
    phone: { column: leads.phone, kind: 'text' },
    mobile: { column: leads.mobile, kind: 'text' },
    region: { column: leads.region, kind: 'text', sortable: true },
    industry: { column: leads.industry, kind: 'text', sortable: true },
    size: { column: leads.size, kind: 'text' },
    source: { column: leads.source, kind: 'text', sortable: true },
    channel: { column: leads.channel, kind: 'text' },
    status: { column: leads.status, kind: 'text', sortable: true },
    disqualifyReason: { column: leads.disqualifyReason, kind: 'text' },
    ownerId: { column: leads.ownerId, kind: 'uuid' },
    importId: { column: leads.importId, kind: 'uuid' },
    convertedAt: { column: leads.convertedAt, kind: 'datetime', sortable: true },
    createdAt: { column: leads.createdAt, kind: 'datetime', sortable: true },
    updatedAt: { column: leads.updatedAt, kind: 'datetime', sortable: true },
  },
};

/**
 * A page of leads under the list conventions: the actor's scope plus the pool;
 * `pool=true` only the unowned ones, `trash=true` deleted ones.
 */
export async function listLeads(ctx: Context, query: Record<string, unknown>): Promise<{ data: Array<Record<string, unknown>>; nextCursor: string | null }> {
  const pool = query.pool === 'true';
  const { pool: _p, ...rest } = query;
  let scope;
  if (pool) {
    assertCan(ctx.actor, 'lead', 'read');
    scope = and(eq(leads.workspaceId, ctx.workspaceId), isNull(leads.ownerId), isNull(leads.deletedAt));
  } else {
    scope = await leadScope(ctx, 'read', { onlyDeleted: query.trash === 'true' });
  }
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, 'lead');
  const plan = buildListQuery(leadListSpec, rest, { defs, locale: ctx.locale, actor: ctx.actor, object: 'lead' });
  const rows = await ctx.db.select({ ...leadColumns(), ...plan.cursorColumns }).from(leads).where(and(scope, plan.where)).orderBy(...plan.orderBy).limit(plan.limit + 1);
  const { rows: pageRows, nextCursor } = plan.page(rows as Array<Record<string, unknown>>);
  return { data: applyFieldSecurity(ctx.actor, 'lead', pageRows.map(leadToWire)).map((r) => plan.pick(r)), nextCursor };
}
