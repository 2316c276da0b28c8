import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { notFound, writeAudit, type Context } from '@voyage/kernel';
import type { TPriceBookDetail, TSetPriceBookEntriesRequest } from '@voyage/contracts';
import { priceBookEntries, priceBooks, products } from '../db/products';
import { fieldError } from '../products/product-access';
import { getPriceBook } from './get-price-book';
import { priceBookWhere } from './price-book-where';

/** Replaces all entries of a book in one transaction; an unknown product is a 422 naming the entry. */
export async function setPriceBookEntries(ctx: Context, id: string, input: TSetPriceBookEntriesRequest): Promise<TPriceBookDetail> {
  const where = and(priceBookWhere(ctx, 'update'), eq(priceBooks.id, id));
  await ctx.database.db.transaction(async (tx) => {
    const [book] = await tx.select().from(priceBooks).where(where);
    if (!book) throw notFound('price_book');
    const ids = [...new Set(input.entries.map((e) => e.productId))];
    const known = new Set(ids.length
      ? (await tx.select({ id: products.id }).from(products).where(and(eq(products.workspaceId, ctx.workspaceId), isNull(products.deletedAt), inArray(products.id, ids)))).map((p) => p.id)
      : []);
    const missing = input.entries.findIndex((e) => !known.has(e.productId));
    if (missing >= 0) throw fieldError(ctx, 'business_rule', `entries.${missing}.productId`, 'sales.bundle_item_unknown');
    await tx.delete(priceBookEntries).where(and(eq(priceBookEntries.workspaceId, ctx.workspaceId), eq(priceBookEntries.priceBookId, id)));
    const unique = new Map(input.entries.map((e) => [e.productId, e]));
    if (unique.size) {
      await tx.insert(priceBookEntries).values([...unique.values()].map((e) => ({
        workspaceId: ctx.workspaceId, priceBookId: id, productId: e.productId, listPriceMinor: e.listPriceMinor, maxDiscountPct: String(e.maxDiscountPct), active: e.active ?? true,
      })));
    }
    await tx.update(priceBooks).set({ version: sql`${priceBooks.version} + 1`, updatedAt: new Date(), updatedBy: ctx.actor.userId }).where(where);
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'update', object: 'price_book', recordId: id, summary: `${book.name}: ${unique.size} entries`, newValues: { entries: [...unique.values()] }, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
  });
  return getPriceBook(ctx, id);
}
