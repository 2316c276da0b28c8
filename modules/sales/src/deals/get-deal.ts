import { applyFieldSecurity, type Context } from '@voyage/kernel';
import { dealToWire } from './deal-wire';
import { loadDeal } from './load-deal';

/** One deal in the actor's scope, with field security applied. */
export async function getDeal(ctx: Context, id: string): Promise<Record<string, unknown>> {
  const row = await loadDeal(ctx, id);
  const { workspaceId: _w, stalledAt: _s, createdBy: _c, updatedBy: _u, ...rest } = row;
  return applyFieldSecurity(ctx.actor, 'deal', [dealToWire(rest)])[0];
}
