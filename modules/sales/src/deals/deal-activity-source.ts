import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { schema, type Queryable, type RelatedActivitySource } from '@voyage/kernel';
import { dealContacts, deals } from '../db/pipelines';

/** When a deal last moved for the customer: opened, or won or lost. */
const dealMoment = sql`greatest(${deals.createdAt}, coalesce(${deals.closedAt}, ${deals.createdAt}))`;

/**
 * The deals of an account (its `account_id`) or a contact (primary contact or stakeholder),
 * live ones only, as a subquery condition on `deals`.
 */
function dealsOf(object: string, workspaceId: PgColumn, recordId: PgColumn): SQL | undefined {
  const live = sql`${deals.workspaceId} = ${workspaceId} and ${deals.deletedAt} is null`;
  if (object === 'account') return sql`${live} and ${deals.accountId} = ${recordId}`;
  if (object === 'contact') {
    const dc = dealContacts;
    return sql`${live} and (${deals.primaryContactId} = ${recordId} or ${deals.id} in (select ${dc.dealId} from ${dc} where ${dc.workspaceId} = ${workspaceId} and ${dc.contactId} = ${recordId}))`;
  }
  return undefined;
}

/**
 * Deals as activity of accounts and contacts (kernel `relatedActivity('deal')`): the public
 * pool's "no deal in N days" rule reads it. Available while the sales module is on.
 */
export const dealActivitySource: RelatedActivitySource = {
  async available(db: Queryable, workspaceId: string) {
    const m = schema.workspaceModules;
    const [row] = await db.select({ enabled: m.enabled }).from(m).where(and(eq(m.workspaceId, workspaceId), eq(m.moduleKey, 'sales')));
    return row?.enabled ?? true;
  },
  lastAt(object, workspaceId, recordId) {
    const where = dealsOf(object, workspaceId, recordId);
    return where && sql<string | null>`(select max(${dealMoment}) from ${deals} where ${where})`;
  },
  inProgress(object, workspaceId, recordId) {
    const where = dealsOf(object, workspaceId, recordId);
    return where && sql<boolean>`exists (select 1 from ${deals} where ${where} and ${deals.status} = 'open')`;
  },
};
