import type {
  TAssignmentRule, TBulkAssignResponse, TClaimResponse, TCreateAssignmentRuleRequest, TLifecycleFunnelResponse, TLifecycleHistoryResponse,
  TOwnershipHistoryResponse, TOwnershipSettingsResponse, TOwnershipStatus, TPoolListResponse, TUpdateAssignmentRuleRequest,
  TUpdateOwnershipFlagsRequest, TUpdateOwnershipSettingsRequest,
} from '@voyage/contracts';
import { api } from '../../../api/client';
import type { CustomerObject } from '../record-config';

export type { TAssignmentRule, TLifecycleFunnelResponse, TOwnershipSettingsResponse, TOwnershipStatus, TPoolListResponse };

const plural = (o: CustomerObject) => (o === 'account' ? 'accounts' : 'contacts');

export const ownershipApi = {
  pool: (object: CustomerObject, query: { q?: string; cursor?: string }) => api.get<TPoolListResponse>(`/pool/${plural(object)}`, { query }),
  claim: (object: CustomerObject, id: string) => api.post<TClaimResponse>(`/pool/${plural(object)}/${id}/claim`),
  status: (object: CustomerObject, id: string) => api.get<TOwnershipStatus>(`/${plural(object)}/${id}/ownership`),
  setFlags: (object: CustomerObject, id: string, body: TUpdateOwnershipFlagsRequest) => api.patch<TOwnershipStatus>(`/${plural(object)}/${id}/ownership`, body),
  history: (object: CustomerObject, id: string) => api.get<TOwnershipHistoryResponse>(`/${plural(object)}/${id}/ownership-history`),
  lifecycle: (object: CustomerObject, id: string) => api.get<TLifecycleHistoryResponse>(`/${plural(object)}/${id}/lifecycle`),
  assign: (object: CustomerObject, id: string, ownerId: string, reason?: string) => api.post<TOwnershipStatus>(`/${plural(object)}/${id}/assign`, { ownerId, reason }),
  bulkAssign: (object: CustomerObject, ids: string[], ownerId: string) => api.post<TBulkAssignResponse>(`/${plural(object)}/bulk/assign`, { ids, ownerId }),
  release: (object: CustomerObject, id: string, reason: string) => api.post<void>(`/${plural(object)}/${id}/release`, { reason }),
  funnel: (query: { object: CustomerObject; from?: string; to?: string }) => api.get<TLifecycleFunnelResponse>('/customers/lifecycle/funnel', { query }),
  settings: () => api.get<TOwnershipSettingsResponse>('/customers/ownership-settings'),
  saveSettings: (body: TUpdateOwnershipSettingsRequest) => api.put<TOwnershipSettingsResponse>('/customers/ownership-settings', body),
  rules: (object: CustomerObject) => api.get<{ data: TAssignmentRule[] }>('/customers/assignment-rules', { query: { object } }),
  createRule: (body: TCreateAssignmentRuleRequest) => api.post<TAssignmentRule>('/customers/assignment-rules', body),
  updateRule: (id: string, body: TUpdateAssignmentRuleRequest) => api.patch<TAssignmentRule>(`/customers/assignment-rules/${id}`, body),
  deleteRule: (id: string) => api.delete<void>(`/customers/assignment-rules/${id}`),
  reorderRules: (object: CustomerObject, ids: string[]) => api.put<{ data: TAssignmentRule[] }>('/customers/assignment-rules/order', { object, ids }),
};
