import type { z } from 'zod';
import type { TDeal, TDealBoardResponse, TPipeline, ZCreateDealRequest, ZMoveDealRequest } from '@voyage/contracts';
import { api } from '../../../api/client';

export type { TDeal, TDealBoardResponse, TPipeline };
export type TDealCard = TDealBoardResponse['columns'][number]['deals'][number];

export interface BoardFilters {
  pipelineId?: string;
  ownerId?: string;
  closeFrom?: string;
  closeTo?: string;
  perStage?: number;
}

export const dealsApi = {
  pipelines: () => api.get<{ data: TPipeline[] }>('/pipelines'),
  board: (filters: BoardFilters, signal?: AbortSignal) => api.get<TDealBoardResponse>('/deals/board', { query: { ...filters }, signal }),
  list: (query: Record<string, string | number | undefined>) => api.get<{ data: TDeal[]; nextCursor: string | null }>('/deals', { query }),
  get: (id: string) => api.get<TDeal>(`/deals/${id}`),
  create: (body: z.input<typeof ZCreateDealRequest>) => api.post<TDeal>('/deals', body),
  move: (id: string, body: z.input<typeof ZMoveDealRequest>) => api.post<TDeal>(`/deals/${id}/move`, body),
};

/** A stage or pipeline name in the reader's language (built-in ones carry labels). */
export function labelOf(item: { name: string; labels: Record<string, string> }, language: string): string {
  return item.labels[language] ?? item.name;
}

export interface StageHistoryEntry { id: string; fromStageId: string | null; toStageId: string; changedAt: string; changedBy: string | null; secondsInFrom: number | null }
export interface DealStakeholder { contactId: string; role: string | null; isPrimary: boolean; createdAt: string }

export const dealDetailApi = {
  history: (id: string) => api.get<{ data: StageHistoryEntry[] }>(`/deals/${id}/stage-history`),
  stakeholders: (id: string) => api.get<{ data: DealStakeholder[] }>(`/deals/${id}/contacts`),
  contact: (id: string) => api.get<{ id: string; name?: string | null }>(`/contacts/${id}`),
};

type TStage = TPipeline['stages'][number];
export interface StageChange { version: number; name?: string; probability?: number; requiredFields?: string[]; rottingDays?: number | null }

export const pipelineSettingsApi = {
  updateStage: (pipelineId: string, stage: TStage, change: StageChange) => api.patch<TPipeline>(`/pipelines/${pipelineId}/stages/${stage.id}`, change),
  addStage: (pipelineId: string, name: string) => api.post<TPipeline>(`/pipelines/${pipelineId}/stages`, { name }),
  deleteStage: (pipelineId: string, stageId: string) => api.delete<TPipeline>(`/pipelines/${pipelineId}/stages/${stageId}`),
  reorder: (pipelineId: string, stageIds: string[]) => api.post<TPipeline>(`/pipelines/${pipelineId}/stages/reorder`, { stageIds }),
};
