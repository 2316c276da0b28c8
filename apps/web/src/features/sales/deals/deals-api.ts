import type { z } from 'zod';
import type { TCompetitor, TDeal, TDealBoardResponse, TDealBulkRequest, TDealBulkResponse, TDealReason, TPipeline, TSearchResponse, TStallSettings, ZCreateDealRequest, ZMoveDealRequest } from '@voyage/contracts';
import { api } from '../../../api/client';

export type { TCompetitor, TDeal, TDealBoardResponse, TDealReason, TPipeline, TStallSettings };
export type TDealCard = TDealBoardResponse['columns'][number]['deals'][number];

export interface BoardFilters {
  pipelineId?: string;
  ownerId?: string;
  departmentId?: string;
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
  bulk: (body: TDealBulkRequest) => api.post<TDealBulkResponse>('/deals/bulk', body),
  reasons: (kind?: 'won' | 'lost', includeInactive = false) => api.get<{ data: TDealReason[] }>('/deal-reasons', { query: { kind, includeInactive: includeInactive ? 'true' : undefined } }),
  competitors: (search?: string) => api.get<{ data: TCompetitor[] }>('/competitors', { query: { search } }),
  stallSettings: (pipelineId: string) => api.get<TStallSettings>(`/pipelines/${pipelineId}/stall-settings`),
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
  searchContacts: (q: string) => api.get<TSearchResponse>('/search', { query: { q, types: 'contact', limit: 20 } }),
  putStakeholder: (id: string, contactId: string, body: { role?: string | null; isPrimary?: boolean }) => api.put<{ data: DealStakeholder[] }>(`/deals/${id}/contacts/${contactId}`, body),
  removeStakeholder: (id: string, contactId: string) => api.delete<void>(`/deals/${id}/contacts/${contactId}`),
  competitors: (id: string) => api.get<{ data: DealCompetitor[] }>(`/deals/${id}/competitors`),
  putCompetitor: (id: string, competitorId: string, body: { status?: DealCompetitor['status']; note?: string | null }) => api.put<{ data: DealCompetitor[] }>(`/deals/${id}/competitors/${competitorId}`, body),
  removeCompetitor: (id: string, competitorId: string) => api.delete<void>(`/deals/${id}/competitors/${competitorId}`),
};

export interface DealCompetitor { competitorId: string; name: string; website: string | null; status: 'active' | 'won_against' | 'lost_to'; note: string | null; createdAt: string }

type TStage = TPipeline['stages'][number];
export interface StageChange { version: number; name?: string; probability?: number; requiredFields?: string[]; rottingDays?: number | null }

export const pipelineSettingsApi = {
  updateStage: (pipelineId: string, stage: TStage, change: StageChange) => api.patch<TPipeline>(`/pipelines/${pipelineId}/stages/${stage.id}`, change),
  addStage: (pipelineId: string, name: string) => api.post<TPipeline>(`/pipelines/${pipelineId}/stages`, { name }),
  deleteStage: (pipelineId: string, stageId: string) => api.delete<TPipeline>(`/pipelines/${pipelineId}/stages/${stageId}`),
  reorder: (pipelineId: string, stageIds: string[]) => api.post<TPipeline>(`/pipelines/${pipelineId}/stages/reorder`, { stageIds }),
};

export const dealExtrasSettingsApi = {
  createReason: (body: { kind: 'won' | 'lost'; labels: Record<string, string> }) => api.post<TDealReason>('/deal-reasons', body),
  updateReason: (id: string, body: { labels?: Record<string, string>; active?: boolean; position?: number }) => api.patch<TDealReason>(`/deal-reasons/${id}`, body),
  deleteReason: (id: string) => api.delete<void>(`/deal-reasons/${id}`),
  createCompetitor: (body: { name: string; website?: string | null; strengths?: string | null; weaknesses?: string | null }) => api.post<TCompetitor>('/competitors', body),
  updateCompetitor: (id: string, body: { version: number; name?: string; website?: string | null; strengths?: string | null; weaknesses?: string | null }) => api.patch<TCompetitor>(`/competitors/${id}`, body),
  deleteCompetitor: (id: string) => api.delete<void>(`/competitors/${id}`),
  putStall: (pipelineId: string, body: { version: number; enabled?: boolean; stallDays?: number }) => api.put<TStallSettings>(`/pipelines/${pipelineId}/stall-settings`, body),
  /** The ready-made workflows and the one installed from each (automation.manage; others get 403). */
  workflowTemplates: () => api.get<{ data: Array<{ key: string; workflowId: string | null }> }>('/workflow-templates'),
};
