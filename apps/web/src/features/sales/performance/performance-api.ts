import type { TSalesPerformanceResponse } from '@voyage/contracts';
import { api } from '../../../api/client';

export type { TSalesPerformanceResponse };
export type PerformanceSort = 'wonAmount' | 'wonCount' | 'winRate' | 'avgCycleDays' | 'activities' | 'openPipeline';
export interface PerformanceFilters { from: string; to: string; pipelineId?: string; departmentId?: string; sort: PerformanceSort }

export const performanceApi = {
  report: (filters: PerformanceFilters) => api.get<TSalesPerformanceResponse>('/sales-performance', { query: { ...filters } }),
};

const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** First and last day of this month, quarter or year (local calendar). */
export function presetRange(preset: 'month' | 'quarter' | 'year', today = new Date()): { from: string; to: string } {
  const y = today.getFullYear();
  const m = today.getMonth();
  const first = preset === 'month' ? m : preset === 'quarter' ? m - (m % 3) : 0;
  const span = preset === 'month' ? 1 : preset === 'quarter' ? 3 : 12;
  return { from: iso(new Date(y, first, 1)), to: iso(new Date(y, first + span, 0)) };
}
