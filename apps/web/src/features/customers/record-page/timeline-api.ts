import type { TCreateFollowUpRequest, TFollowUp, TFollowUpFile, TTimelineResponse } from '@voyage/contracts';
import { api, ApiError } from '../../../api/client';
import type { CustomerObject } from '../record-config';

const plural = (object: CustomerObject) => (object === 'contact' ? 'contacts' : 'accounts');

export const timelineApi = {
  list: (object: CustomerObject, id: string, query: { kinds?: string; cursor?: string; limit?: number }, signal?: AbortSignal) =>
    api.get<TTimelineResponse>(`/${plural(object)}/${id}/timeline`, { query, signal }),
};

export const followUpsApi = {
  create: (body: TCreateFollowUpRequest) => api.post<TFollowUp>('/follow-ups', body),
  remove: (id: string) => api.delete<void>(`/follow-ups/${id}`),
  get: (id: string) => api.get<TFollowUp>(`/follow-ups/${id}`),
  fileUrl: (followUpId: string, fileId: string) => `/api/v1/follow-ups/${followUpId}/files/${fileId}`,
  /** Multipart upload; the JSON client cannot send files. */
  async upload(followUpId: string, file: File, csrfToken: string | null): Promise<TFollowUpFile> {
    const body = new FormData();
    body.append('file', file, file.name);
    const response = await fetch(`/api/v1/follow-ups/${followUpId}/files`, { method: 'POST', body, credentials: 'same-origin', headers: csrfToken ? { 'x-csrf-token': csrfToken } : {} });
    const data = (await response.json().catch(() => null)) as { error?: { code: string; message: string; details?: unknown } } | null;
    if (!response.ok) throw new ApiError(response.status, data?.error?.code ?? `http_${response.status}`, data?.error?.message ?? response.statusText, data?.error?.details);
    return data as unknown as TFollowUpFile;
  },
};
