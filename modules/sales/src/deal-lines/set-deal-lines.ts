import { and, eq, sql } from 'drizzle-orm';
import { AppError, assertWritableFields, emitEvents, newId, notFound, scopedWhere, writeAudit, type Context } from '@voyage/kernel';
import type { TDealLinesResponse, TSetDealLinesRequest } from '@voyage/contracts';
import { deals } from '../db/pipelines';
import { dealLines } from '../db/products';
import { dealLinesView } from './deal-lines-view';
import { priceDealLines } from './price-deal-lines';
import { accountCustomerLevel } from '../price-books/account-customer-level';
import { dealActivity } from '../deals/deal-activity';
import { dealDiscountAboveMax } from './discount-above-max';

/**
 * Replaces all product lines of a deal in one transaction, under the deal's version check.
 * With lines, the deal amount becomes the sum of the line totals (`has_lines`); with none, the
 * amount is left as it was and becomes editable again. Audited, and `sales.deal.updated` is emitted.
 */
export async function setDealLines(ctx: Context, dealId: string, input: TSetDealLinesRequest): Promise<TDealLinesResponse> {
  const scope = await scopedWhere(ctx, deals, 'deal', { access: 'update' });
  // Lines set the amount: an actor who may not change the amount may not change the lines.
  assertWritableFields(ctx.actor, 'deal', { amountMinor: true });
  return ctx.database.db.transaction(async (tx) => {
    const where = and(scope, eq(deals.id, dealId));
    const [deal] = await tx.select().from(deals).where(where);
    if (!deal) throw notFound('deal');
    if (deal.version !== input.version) throw new AppError('version_conflict');
    const priced = await priceDealLines(ctx, tx, deal.currency, input.lines, await accountCustomerLevel(tx, ctx.workspaceId, deal.accountId));
    const aboveBefore = await dealDiscountAboveMax(tx, ctx.workspaceId, dealId);
    const before = await tx.select().from(dealLines).where(and(eq(dealLines.workspaceId, ctx.workspaceId), eq(dealLines.dealId, dealId)));
    await tx.delete(dealLines).where(and(eq(dealLines.workspaceId, ctx.workspaceId), eq(dealLines.dealId, dealId)));
    if (priced.length) {
      await tx.insert(dealLines).values(priced.map((line, position) => ({
        ...line, workspaceId: ctx.workspaceId, id: newId(), dealId, position,
        quantity: String(line.quantity), discountPct: String(line.discountPct), taxPct: String(line.taxPct),
        createdBy: ctx.actor.userId, updatedBy: ctx.actor.userId,
      })));
    }
    const hasLines = priced.length > 0;
    const amountMinor = hasLines ? priced.reduce((s, l) => s + l.totalMinor, 0) : deal.amountMinor;
    const [after] = await tx.update(deals)
      .set({ hasLines, amountMinor, ...dealActivity(new Date()), version: sql`${deals.version} + 1`, updatedAt: new Date(), updatedBy: ctx.actor.userId })
      .where(and(where, eq(deals.version, input.version)))
      .returning();
    if (!after) throw new AppError('version_conflict');
    const aboveAfter = await dealDiscountAboveMax(tx, ctx.workspaceId, dealId);
    const flagged = aboveAfter !== aboveBefore;
    const summarize = (l: { productId: string | null; quantity: unknown; unitPriceMinor: number; discountPct: unknown; totalMinor: number }) =>
      ({ productId: l.productId, quantity: Number(l.quantity), unitPriceMinor: l.unitPriceMinor, discountPct: Number(l.discountPct), totalMinor: l.totalMinor });
    await writeAudit(tx, {
      workspaceId: ctx.workspaceId, action: 'update', object: 'deal', recordId: dealId, summary: `${deal.name}: ${priced.length} lines`,
      oldValues: { amountMinor: deal.amountMinor, hasLines: deal.hasLines, lines: before.map(summarize) },
      newValues: { amountMinor, hasLines, lines: priced.map(summarize) },
      actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId,
    });
    await emitEvents(tx, {
      workspaceId: ctx.workspaceId, event: 'sales.deal.updated', actorUserId: ctx.actor.userId,
      payload: {
        id: dealId, dealId, ownerId: deal.ownerId, amountMinor, currency: deal.currency, hasLines, lineCount: priced.length,
        // Field → value, like every other updated event (workflow "field changed" triggers read them).
        // `discountAboveMax`: some line's discount went above (or back under) its price book's maximum.
        changes: { lines: priced.length, ...(amountMinor !== deal.amountMinor ? { amountMinor } : {}), ...(hasLines !== deal.hasLines ? { hasLines } : {}), ...(flagged ? { discountAboveMax: aboveAfter } : {}) },
        previous: { lines: before.length, ...(amountMinor !== deal.amountMinor ? { amountMinor: deal.amountMinor } : {}), ...(hasLines !== deal.hasLines ? { hasLines: deal.hasLines } : {}), ...(flagged ? { discountAboveMax: aboveBefore } : {}) },
      },
    });
    return dealLinesView(ctx, tx, after);
  });
}
