import type { z } from 'zod';
import type {
  TBulkTagResponse, TRuleGroup, TSegment, TSegmentMembersChangeResponse, TSegmentPreviewResponse, TTag, ZCreateSegmentRequest, ZCreateTagRequest, ZUpdateSegmentRequest, ZUpdateTagRequest,
} from '@voyage/contracts';
import { api } from '../../../api/client';
import type { CustomerObject, RecordRow } from '../record-config';

export type { TRuleGroup, TSegment, TTag };

export const tagsApi = {
  list: (object?: CustomerObject) => api.get<{ data: TTag[] }>('/tags', { query: { object } }),
  create: (body: z.input<typeof ZCreateTagRequest>) => api.post<TTag>('/tags', body),
  update: (id: string, body: z.input<typeof ZUpdateTagRequest>) => api.patch<TTag>(`/tags/${id}`, body),
  remove: (id: string) => api.delete<void>(`/tags/${id}`),
  bulk: (object: CustomerObject, body: { ids: string[]; add?: string[]; remove?: string[] }) =>
    api.post<TBulkTagResponse>(`/${object === 'contact' ? 'contacts' : 'accounts'}/bulk/tags`, body),
};

export const segmentsApi = {
  list: (object?: CustomerObject) => api.get<{ data: TSegment[] }>('/segments', { query: { object } }),
  get: (id: string) => api.get<TSegment>(`/segments/${id}`),
  create: (body: z.input<typeof ZCreateSegmentRequest>) => api.post<TSegment>('/segments', body),
  update: (id: string, body: z.input<typeof ZUpdateSegmentRequest>) => api.patch<TSegment>(`/segments/${id}`, body),
  remove: (id: string) => api.delete<void>(`/segments/${id}`),
  preview: (object: CustomerObject, rules: TRuleGroup, signal?: AbortSignal) => api.post<TSegmentPreviewResponse>('/segments/preview', { object, rules }, { signal }),
  members: (id: string, cursor?: string, signal?: AbortSignal) => api.get<{ data: RecordRow[]; nextCursor: string | null }>(`/segments/${id}/members`, { query: { cursor, limit: 50 }, signal }),
  addMembers: (id: string, body: { ids?: string[]; fromSegmentId?: string }) => api.post<TSegmentMembersChangeResponse>(`/segments/${id}/members`, body),
  removeMembers: (id: string, ids: string[]) => api.post<TSegmentMembersChangeResponse>(`/segments/${id}/members/remove`, { ids }),
};
