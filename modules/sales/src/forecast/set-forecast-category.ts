import type { TSetForecastCategoryRequest } from '@voyage/contracts';
import type { Context } from '@voyage/kernel';
import { updateDeal } from '../deals/update-deal';

/**
 * A rep sets the forecast category of a deal they may edit. It is an ordinary deal update,
 * so the version check (409), the edit right and scope (403/404), field rules and the audit
 * row are those of any deal change.
 */
export function setForecastCategory(ctx: Context, id: string, input: TSetForecastCategoryRequest): Promise<Record<string, unknown>> {
  return updateDeal(ctx, id, { version: input.version, forecastCategory: input.forecastCategory });
}
