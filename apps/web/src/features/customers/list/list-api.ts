import type { z } from 'zod';
import type {
  TBulkAssignResponse, TBulkDeleteResponse, TBulkRestoreResponse, TBulkStageResponse, TBulkTagResponse, TListView,
  LIFECYCLE_STAGES,
  ZCreateListViewRequest, ZUpdateListViewRequest,
} from '@voyage/contracts';
import { api } from '../../../api/client';
import type { CustomerObject } from '../record-config';

export type { TListView };
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const listViewsApi = {
  list: (object: CustomerObject) => api.get<{ data: TListView[] }>('/list-views', { query: { object } }),
  create: (body: z.input<typeof ZCreateListViewRequest>) => api.post<TListView>('/list-views', body),
  update: (id: string, body: z.input<typeof ZUpdateListViewRequest>) => api.patch<TListView>(`/list-views/${id}`, body),
  remove: (id: string) => api.delete<void>(`/list-views/${id}`),
};

const plural = (object: CustomerObject) => (object === 'contact' ? 'contacts' : 'accounts');
/** The API takes up to 500 ids per call; bigger selections go in several calls. */
export const BULK_CHUNK = 500;

export const bulkApi = {
  assign: (object: CustomerObject, ids: string[], ownerId: string, reason?: string) => api.post<TBulkAssignResponse>(`/${plural(object)}/bulk/assign`, { ids, ownerId, reason }),
  tags: (object: CustomerObject, ids: string[], change: { add?: string[]; remove?: string[] }) => api.post<TBulkTagResponse>(`/${plural(object)}/bulk/tags`, { ids, ...change }),
  stage: (object: CustomerObject, ids: string[], stage: LifecycleStage | null) => api.post<TBulkStageResponse>(`/${plural(object)}/bulk/stage`, { ids, stage }),
  remove: (object: CustomerObject, ids: string[]) => api.post<TBulkDeleteResponse>(`/${plural(object)}/bulk/delete`, { ids }),
  restore: (object: CustomerObject, ids: string[]) => api.post<TBulkRestoreResponse>(`/${plural(object)}/bulk/restore`, { ids }),
};
