import { and, asc, eq } from 'drizzle-orm';
import { fieldRule, type Context, type Queryable } from '@voyage/kernel';
import type { TDealLine, TDealLinesResponse } from '@voyage/contracts';
import type { deals } from '../db/pipelines';
import { dealLines, priceBookEntries, products } from '../db/products';

type Deal = Pick<typeof deals.$inferSelect, 'id' | 'version' | 'currency' | 'hasLines' | 'amountMinor'>;

/**
 * A deal's lines as the actor may see them, with each line's maximum discount and approval
 * flag. Line money is the deal amount in detail, so a hidden or masked deal amount hides the
 * money of the lines too.
 */
export async function dealLinesView(ctx: Context, db: Queryable, deal: Deal): Promise<TDealLinesResponse> {
  const rows = await db.select({
    line: dealLines, productName: products.name, sku: products.sku, maxDiscountPct: priceBookEntries.maxDiscountPct,
  }).from(dealLines)
    .leftJoin(products, and(eq(products.workspaceId, dealLines.workspaceId), eq(products.id, dealLines.productId)))
    .leftJoin(priceBookEntries, and(eq(priceBookEntries.workspaceId, dealLines.workspaceId), eq(priceBookEntries.priceBookId, dealLines.priceBookId), eq(priceBookEntries.productId, dealLines.productId)))
    .where(and(eq(dealLines.workspaceId, ctx.workspaceId), eq(dealLines.dealId, deal.id)))
    .orderBy(asc(dealLines.position));
  const lines: TDealLine[] = rows.map(({ line, productName, sku, maxDiscountPct }) => {
    const max = maxDiscountPct === null ? null : Number(maxDiscountPct);
    const discount = Number(line.discountPct);
    return {
      id: line.id, productId: line.productId, productName, sku, priceBookId: line.priceBookId, description: line.description,
      quantity: Number(line.quantity), listPriceMinor: line.listPriceMinor, unitPriceMinor: line.unitPriceMinor, discountPct: discount, taxPct: Number(line.taxPct),
      netMinor: line.netMinor, taxMinor: line.taxMinor, totalMinor: line.totalMinor, maxDiscountPct: max, needsApproval: max !== null && discount > max, position: line.position,
    };
  });
  const sum = (key: 'netMinor' | 'taxMinor' | 'totalMinor') => lines.reduce((s, l) => s + l[key], 0);
  const view: TDealLinesResponse = { dealId: deal.id, version: deal.version, currency: deal.currency, hasLines: deal.hasLines, amountMinor: deal.amountMinor, lines, totals: { netMinor: sum('netMinor'), taxMinor: sum('taxMinor'), totalMinor: sum('totalMinor') } };
  const rule = fieldRule(ctx.actor, 'deal', 'amountMinor');
  if (rule !== 'hidden' && rule !== 'masked') return view;
  // The wire type is numeric: a hidden or masked amount reads as 0 with every price column.
  const zero = (l: TDealLine): TDealLine => ({ ...l, listPriceMinor: null, unitPriceMinor: 0, netMinor: 0, taxMinor: 0, totalMinor: 0 });
  return { ...view, amountMinor: 0, lines: view.lines.map(zero), totals: { netMinor: 0, taxMinor: 0, totalMinor: 0 } };
}
