import { eq } from 'drizzle-orm';
import type { TForecastCategory } from '@voyage/contracts';
import { AppError, fieldRule, schema, type Context } from '@voyage/kernel';
import { FORECAST_ERRORS } from './forecast-messages';

/** The forecast is all amounts: a role that may not see them (hidden or masked) gets 403. */
export function assertAmountsVisible(ctx: Context): void {
  if (fieldRule(ctx.actor, 'deal', 'amountMinor') === 'hidden' || fieldRule(ctx.actor, 'deal', 'amountMinor') === 'masked') {
    throw new AppError(FORECAST_ERRORS.amountHidden, { details: { field: 'amountMinor' } });
  }
}

/** Thresholds of the derived category (a probability at or above them). */
export const CATEGORY_THRESHOLDS = { commit: 90, bestCase: 50 } as const;

/** The category in effect: the rep's choice, else derived from the probability. */
export function effectiveCategory(chosen: TForecastCategory | null, probability: number): TForecastCategory {
  if (chosen) return chosen;
  return probability >= CATEGORY_THRESHOLDS.commit ? 'commit' : probability >= CATEGORY_THRESHOLDS.bestCase ? 'best_case' : 'pipeline';
}

/** The workspace's base currency and time zone. */
export async function workspaceBasics(ctx: Context): Promise<{ currency: string; timezone: string }> {
  const [row] = await ctx.db.select({ currency: schema.workspaces.currency, timezone: schema.workspaces.timezone }).from(schema.workspaces).where(eq(schema.workspaces.id, ctx.workspaceId));
  return row ?? { currency: 'CNY', timezone: 'Asia/Shanghai' };
}

/** Splits an integer among shares so the parts add up exactly (largest remainder). */
export function splitByShares(total: number, shares: number[]): number[] {
  const sum = shares.reduce((s, v) => s + v, 0);
  if (sum <= 0) return shares.map((_, i) => (i === 0 ? total : 0));
  const exact = shares.map((s) => (total * s) / sum);
  const parts = exact.map(Math.floor);
  let rest = total - parts.reduce((s, v) => s + v, 0);
  const order = exact.map((v, i) => ({ i, frac: v - Math.floor(v) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0 && k < order.length; k++, rest--) parts[order[k].i]++;
  return parts;
}
