import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@voyage/kernel';
import { deals } from '../db/pipelines';

/**
 * Whether some product line of the deal (the row of `deals` in the query, by its table name) has a discount above
 * its price book entry's maximum: the "needs approval" of a line (`needsApproval` in the lines
 * view), for the whole deal. Read live, so a price book's new maximum counts at once.
 */
export const discountAboveMaxSql: SQL<boolean> = sql<boolean>`exists (select 1 from deal_lines l
  join price_book_entries e on e.workspace_id = l.workspace_id and e.price_book_id = l.price_book_id and e.product_id = l.product_id
  where l.workspace_id = deals.workspace_id and l.deal_id = deals.id and l.discount_pct > e.max_discount_pct)`;

/** The flag of one deal now (in the caller's transaction). */
export async function dealDiscountAboveMax(db: Queryable, workspaceId: string, dealId: string): Promise<boolean> {
  const [row] = await db.select({ flag: discountAboveMaxSql }).from(deals).where(sql`${deals.workspaceId} = ${workspaceId} and ${deals.id} = ${dealId}`);
  return row?.flag === true;
}
