import type { TDeal, TForecastCategory, TForecastPipelineResponse, TForecastStatisticalResponse, TWinProbabilityResponse } from '@voyage/contracts';
import { api } from '../../../api/client';

export type { TForecastCategory, TForecastPipelineResponse, TForecastStatisticalResponse, TWinProbabilityResponse };
export type ForecastPeriod = 'month' | 'quarter';
export type ForecastGroupBy = 'owner' | 'team' | 'pipeline' | 'product';

export const forecastApi = {
  pipeline: (query: { period: ForecastPeriod; groupBy: ForecastGroupBy; from?: string; to?: string }) =>
    api.get<TForecastPipelineResponse>('/forecast/pipeline', { query }),
  statistical: () => api.get<TForecastStatisticalResponse>('/forecast/statistical'),
  winProbability: (query: { limit: number; offset: number }) => api.get<TWinProbabilityResponse>('/forecast/win-probability', { query }),
  setCategory: (dealId: string, version: number, forecastCategory: TForecastCategory | null) =>
    api.put<TDeal>(`/deals/${dealId}/forecast-category`, { version, forecastCategory }),
};

/** Minor units to the currency's major unit, for chart axes. */
export function toMajor(minor: number, currency: string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return minor / 10 ** digits;
}
