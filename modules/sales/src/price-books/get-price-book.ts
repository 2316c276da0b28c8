import { and, asc, eq } from 'drizzle-orm';
import { notFound, type Context } from '@voyage/kernel';
import type { TPriceBookDetail } from '@voyage/contracts';
import { priceBookEntries, priceBooks, products } from '../db/products';
import { priceBookView } from './price-book-view';
import { priceBookWhere } from './price-book-where';

/** One price book with its entries (product SKU, name and unit included, by SKU). */
export async function getPriceBook(ctx: Context, id: string): Promise<TPriceBookDetail> {
  const [row] = await ctx.db.select().from(priceBooks).where(and(priceBookWhere(ctx, 'read'), eq(priceBooks.id, id)));
  if (!row) throw notFound('price_book');
  const entries = await ctx.db.select({
    productId: priceBookEntries.productId, listPriceMinor: priceBookEntries.listPriceMinor, maxDiscountPct: priceBookEntries.maxDiscountPct,
    active: priceBookEntries.active, sku: products.sku, name: products.name, unit: products.unit,
  }).from(priceBookEntries)
    .innerJoin(products, and(eq(products.workspaceId, priceBookEntries.workspaceId), eq(products.id, priceBookEntries.productId)))
    .where(and(eq(priceBookEntries.workspaceId, ctx.workspaceId), eq(priceBookEntries.priceBookId, id)))
    .orderBy(asc(products.sku));
  return { ...priceBookView(row, entries.length), entries: entries.map((e) => ({ ...e, maxDiscountPct: Number(e.maxDiscountPct) })) };
}
