import { and, asc, count, eq, getTableColumns } from 'drizzle-orm';
import type { Context } from '@voyage/kernel';
import type { TPriceBook } from '@voyage/contracts';
import { priceBookEntries, priceBooks } from '../db/products';
import { priceBookView } from './price-book-view';
import { priceBookWhere } from './price-book-where';

/** Every price book of the workspace (a handful), defaults first, with entry counts. */
export async function listPriceBooks(ctx: Context, currency?: string): Promise<TPriceBook[]> {
  const rows = await ctx.db.select({ ...getTableColumns(priceBooks), entryCount: count(priceBookEntries.productId) }).from(priceBooks)
    .leftJoin(priceBookEntries, and(eq(priceBookEntries.workspaceId, priceBooks.workspaceId), eq(priceBookEntries.priceBookId, priceBooks.id)))
    .where(and(priceBookWhere(ctx, 'read'), currency ? eq(priceBooks.currency, currency) : undefined))
    .groupBy(priceBooks.workspaceId, priceBooks.id)
    .orderBy(asc(priceBooks.currency), asc(priceBooks.name));
  return rows.map(({ entryCount, ...row }) => priceBookView(row, Number(entryCount)));
}
