import type { TDealBulkRequest, TDealBulkResponse } from '@voyage/contracts';
import { AppError, translate, type Context } from '@voyage/kernel';
import { loadDeal } from './load-deal';
import { setDealTrashed } from './trash-deal';
import { updateDeal } from './update-deal';

/**
 * Assigns or deletes many deals, each through the ordinary use case in its own transaction
 * (the same permission, scope, audit and events as one at a time), reporting every record's
 * outcome: one deal out of reach does not stop the others.
 */
export async function bulkDeals(ctx: Context, input: TDealBulkRequest): Promise<TDealBulkResponse> {
  const results: TDealBulkResponse['results'] = [];
  for (const id of [...new Set(input.ids)]) {
    try {
      if (input.action === 'assign') {
        const current = await loadDeal(ctx, id, 'update');
        if (current.ownerId !== input.ownerId) await updateDeal(ctx, id, { version: current.version, ownerId: input.ownerId });
      } else {
        await setDealTrashed(ctx, id, true);
      }
      results.push({ id, ok: true, status: 200, code: null, message: null });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const message = error.explicitMessage ? error.message : translate(ctx.locale, `errors.${error.code}`, error.params ?? {});
      results.push({ id, ok: false, status: error.status, code: error.code, message });
    }
  }
  return { results };
}
