import { and, eq } from 'drizzle-orm';
import { notFound, scopedWhere, type Context } from '@voyage/kernel';
import type { TDealLinesResponse } from '@voyage/contracts';
import { deals } from '../db/pipelines';
import { dealLinesView } from './deal-lines-view';

/** The product lines of a deal the actor may see (data scope and sharing of the deal). */
export async function getDealLines(ctx: Context, dealId: string): Promise<TDealLinesResponse> {
  const scope = await scopedWhere(ctx, deals, 'deal', { access: 'read' });
  const [deal] = await ctx.db.select({ id: deals.id, version: deals.version, currency: deals.currency, hasLines: deals.hasLines, amountMinor: deals.amountMinor })
    .from(deals).where(and(scope, eq(deals.id, dealId)));
  if (!deal) throw notFound('deal');
  return dealLinesView(ctx, ctx.db, deal);
}
