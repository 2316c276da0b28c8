import type { z } from 'zod';
import type { TTargetGridResponse, TTargetProgressResponse, ZSaveTargetsRequest, TSaveTargetsResponse } from '@voyage/contracts';
import { api } from '../../../api/client';

export type { TTargetGridResponse, TTargetProgressResponse };
export type TargetMetric = 'new_sales' | 'collected';
export type PeriodKind = 'month' | 'quarter' | 'year';
export type TargetRow = TTargetGridResponse['rows'][number];
export type SaveCell = z.input<typeof ZSaveTargetsRequest>['cells'][number];

export const targetsApi = {
  grid: (year: number, metric: TargetMetric) => api.get<TTargetGridResponse>('/targets', { query: { year, metric } }),
  save: (metric: TargetMetric, cells: SaveCell[]) => api.put<TSaveTargetsResponse>('/targets', { metric, cells }),
  progress: (q: { year: number; metric: TargetMetric; periodKind: PeriodKind }) => api.get<TTargetProgressResponse>('/targets/progress', { query: { ...q } }),
};

/** Digits after the decimal point of a currency (CNY 2, JPY 0). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Grid columns of a year: 12 months, then 4 quarters, then the year. */
export function gridColumns(year: number): Array<{ key: string; kind: PeriodKind; start: string; months: number[] }> {
  const pad = (n: number) => String(n).padStart(2, '0');
  const months = Array.from({ length: 12 }, (_, i) => ({ key: `${year}-${pad(i + 1)}`, kind: 'month' as const, start: `${year}-${pad(i + 1)}-01`, months: [i + 1] }));
  const quarters = Array.from({ length: 4 }, (_, i) => ({ key: `${year}-Q${i + 1}`, kind: 'quarter' as const, start: `${year}-${pad(i * 3 + 1)}-01`, months: [i * 3 + 1, i * 3 + 2, i * 3 + 3] }));
  return [...months, ...quarters, { key: String(year), kind: 'year', start: `${year}-01-01`, months: Array.from({ length: 12 }, (_, i) => i + 1) }];
}
