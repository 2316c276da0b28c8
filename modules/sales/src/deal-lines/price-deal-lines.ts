import { and, eq, inArray, isNull } from 'drizzle-orm';
import { computeLineTotals, type TDealLineInput } from '@voyage/contracts';
import type { Context, Queryable } from '@voyage/kernel';
import { priceBookEntries, priceBooks, products } from '../db/products';
import { fieldError } from '../products/product-access';

export interface PricedLine {
  productId: string | null;
  priceBookId: string | null;
  description: string | null;
  quantity: number;
  listPriceMinor: number | null;
  unitPriceMinor: number;
  discountPct: number;
  taxPct: number;
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
}

/**
 * Resolves each line's price book (the line's; else the book of the deal account's customer
 * tier in the deal's currency when it lists the product; else the currency's default book), its list price, and the unit price (given, else the list price), then computes the money.
 * Three queries for any number of lines. Errors are 422 naming `lines.<n>.<field>`.
 */
export async function priceDealLines(ctx: Context, tx: Queryable, currency: string, lines: TDealLineInput[], customerLevel: string | null = null): Promise<PricedLine[]> {
  const productIds = [...new Set(lines.flatMap((l) => (l.productId ? [l.productId] : [])))];
  const bookIds = [...new Set(lines.flatMap((l) => (l.priceBookId ? [l.priceBookId] : [])))];
  const found = productIds.length
    ? await tx.select({ id: products.id, name: products.name }).from(products).where(and(eq(products.workspaceId, ctx.workspaceId), isNull(products.deletedAt), inArray(products.id, productIds)))
    : [];
  const knownProducts = new Set(found.map((p) => p.id));
  const books = await tx.select({ id: priceBooks.id, currency: priceBooks.currency, isDefault: priceBooks.isDefault, customerLevel: priceBooks.customerLevel }).from(priceBooks)
    .where(and(eq(priceBooks.workspaceId, ctx.workspaceId), isNull(priceBooks.deletedAt), eq(priceBooks.active, true)));
  const bookById = new Map(books.map((b) => [b.id, b]));
  const defaultBook = books.find((b) => b.isDefault && b.currency === currency);
  // The tier's book: the default one of that tier and currency if several, else the first by id.
  const tierBook = customerLevel ? books.filter((b) => b.currency === currency && b.customerLevel === customerLevel).sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.id.localeCompare(b.id))[0] : undefined;
  const usedBooks = [...new Set([...bookIds, ...(defaultBook ? [defaultBook.id] : []), ...(tierBook ? [tierBook.id] : [])])];
  const entries = usedBooks.length && productIds.length
    ? await tx.select().from(priceBookEntries).where(and(eq(priceBookEntries.workspaceId, ctx.workspaceId), inArray(priceBookEntries.priceBookId, usedBooks), inArray(priceBookEntries.productId, productIds), eq(priceBookEntries.active, true)))
    : [];
  const entryOf = new Map(entries.map((e) => [`${e.priceBookId}:${e.productId}`, e]));

  return lines.map((line, i) => {
    const productId = line.productId ?? null;
    if (!productId && !line.description?.trim()) throw fieldError(ctx, 'validation_failed', `lines.${i}.productId`, 'sales.line_needs_product');
    if (productId && !knownProducts.has(productId)) throw fieldError(ctx, 'business_rule', `lines.${i}.productId`, 'sales.bundle_item_unknown');
    let book = tierBook && productId && entryOf.has(`${tierBook.id}:${productId}`) ? tierBook : defaultBook;
    if (line.priceBookId) {
      book = bookById.get(line.priceBookId);
      if (!book) throw fieldError(ctx, 'business_rule', `lines.${i}.priceBookId`, 'field.not_found');
      if (book.currency !== currency) throw fieldError(ctx, 'business_rule', `lines.${i}.priceBookId`, 'sales.price_book_currency', { bookCurrency: book.currency, dealCurrency: currency });
    }
    const entry = productId && book ? entryOf.get(`${book.id}:${productId}`) : undefined;
    const unitPriceMinor = line.unitPriceMinor ?? entry?.listPriceMinor;
    if (unitPriceMinor === undefined) throw fieldError(ctx, 'business_rule', `lines.${i}.unitPriceMinor`, 'sales.line_no_price');
    const discountPct = line.discountPct ?? 0;
    const taxPct = line.taxPct ?? 0;
    return {
      productId, priceBookId: entry ? book!.id : (line.priceBookId ?? null), description: line.description?.trim() || null, quantity: line.quantity,
      listPriceMinor: entry?.listPriceMinor ?? null, unitPriceMinor, discountPct, taxPct,
      ...computeLineTotals({ quantity: line.quantity, unitPriceMinor, discountPct, taxPct }),
    };
  });
}
