import { and } from 'drizzle-orm';
import { applyFieldSecurity, buildListQuery, loadCustomFieldDefs, scopedWhere, type Context, type ListSpec } from '@voyage/kernel';
import { deals } from '../db/pipelines';
import { dealColumns, dealToWire } from './deal-wire';

export const dealListSpec: ListSpec = {
  id: deals.id,
  custom: deals.custom,
  defaultSort: '-updatedAt',
  fields: {
    name: { column: deals.name, kind: 'text', sortable: true },
    pipelineId: { column: deals.pipelineId, kind: 'uuid' },
    stageId: { column: deals.stageId, kind: 'uuid' },
    status: { column: deals.status, kind: 'text', sortable: true },
    amountMinor: { column: deals.amountMinor, kind: 'number', sortable: true },
    currency: { column: deals.currency, kind: 'text' },
    closeDate: { column: deals.closeDate, kind: 'date', sortable: true },
    probability: { column: deals.probability, kind: 'number', sortable: true },
    forecastCategory: { column: deals.forecastCategory, kind: 'text' },
    ownerId: { column: deals.ownerId, kind: 'uuid' },
    accountId: { column: deals.accountId, kind: 'uuid' },
    primaryContactId: { column: deals.primaryContactId, kind: 'uuid' },
    source: { column: deals.source, kind: 'text' },
    tags: { column: deals.tags, kind: 'text_array' },
    closedAt: { column: deals.closedAt, kind: 'datetime', sortable: true },
    stageEnteredAt: { column: deals.stageEnteredAt, kind: 'datetime', sortable: true },
    createdAt: { column: deals.createdAt, kind: 'datetime', sortable: true },
    updatedAt: { column: deals.updatedAt, kind: 'datetime', sortable: true },
  },
};

/** A page of deals under the list conventions, in the actor's data scope; `trash=true` for deleted. */
export async function listDeals(ctx: Context, query: Record<string, unknown>): Promise<{ data: Array<Record<string, unknown>>; nextCursor: string | null }> {
  const scope = await scopedWhere(ctx, deals, 'deal', { onlyDeleted: query.trash === 'true' });
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, 'deal');
  const plan = buildListQuery(dealListSpec, query, { defs, locale: ctx.locale, actor: ctx.actor, object: 'deal' });
  const rows = await ctx.db.select({ ...dealColumns(), ...plan.cursorColumns }).from(deals).where(and(scope, plan.where)).orderBy(...plan.orderBy).limit(plan.limit + 1);
  const { rows: pageRows, nextCursor } = plan.page(rows as Array<Record<string, unknown>>);
  return { data: applyFieldSecurity(ctx.actor, 'deal', pageRows.map(dealToWire)).map((r) => plan.pick(r)), nextCursor };
}
