import type { TDuplicatePair, TDuplicatePairListResponse, TDuplicateScan, TMergeRequest, TMergeResponse } from '@voyage/contracts';
import { api } from '../../../api/client';
import type { CustomerObject } from '../record-config';

export type { TDuplicatePair, TDuplicatePairListResponse, TDuplicateScan, TMergeResponse };

const plural = (o: CustomerObject) => (o === 'account' ? 'accounts' : 'contacts');

export const duplicatesApi = {
  queue: (query: { object: CustomerObject; status?: 'open' | 'merged' | 'dismissed'; cursor?: string }) => api.get<TDuplicatePairListResponse>('/duplicates', { query }),
  scan: (object: CustomerObject) => api.post<TDuplicateScan>('/duplicates/scans', { object }),
  scanStatus: (id: string) => api.get<TDuplicateScan>(`/duplicates/scans/${id}`),
  dismiss: (id: string) => api.post<TDuplicatePair>(`/duplicates/${id}/dismiss`),
  merge: (object: CustomerObject, body: TMergeRequest) => api.post<TMergeResponse>(`/${plural(object)}/merge`, body),
};
