import type { z } from 'zod';
import type {
  TConvertLeadRequest, TConvertLeadResponse, TConvertPreviewResponse, TLead, TLeadAssignmentRule, TLeadImportResult,
  ZCreateLeadAssignmentRuleRequest, ZCreateLeadRequest, ZUpdateLeadAssignmentRuleRequest, ZUpdateLeadRequest,
} from '@voyage/contracts';
import { api, ApiError } from '../../../api/client';

export type { TConvertPreviewResponse, TLead, TLeadAssignmentRule, TLeadImportResult };
export { LEAD_DISQUALIFY_REASONS, LEAD_RULE_FIELDS, LEAD_SIZES, LEAD_SOURCES, LEAD_STATUSES } from '@voyage/contracts';

export const LEADS_KEY = ['leads'] as const;

export const leadsApi = {
  list: (query: Record<string, string | number | undefined>) => api.get<{ data: TLead[]; nextCursor: string | null }>('/leads', { query }),
  get: (id: string) => api.get<TLead>(`/leads/${id}`),
  create: (body: z.input<typeof ZCreateLeadRequest>) => api.post<TLead>('/leads', body),
  update: (id: string, body: z.input<typeof ZUpdateLeadRequest>) => api.patch<TLead>(`/leads/${id}`, body),
  remove: (id: string) => api.delete<void>(`/leads/${id}`),
  claim: (id: string, version: number) => api.post<TLead>(`/leads/${id}/claim`, { version }),
  assign: (id: string, version: number, ownerId: string | null) => api.post<TLead>(`/leads/${id}/assign`, { version, ownerId }),
  qualify: (id: string, version: number) => api.post<TLead>(`/leads/${id}/qualify`, { version }),
  reopen: (id: string, version: number) => api.post<TLead>(`/leads/${id}/reopen`, { version }),
  disqualify: (id: string, version: number, reason: string, note: string | null) => api.post<TLead>(`/leads/${id}/disqualify`, { version, reason, note }),
  convertPreview: (id: string) => api.get<TConvertPreviewResponse>(`/leads/${id}/convert-preview`),
  convert: (id: string, body: TConvertLeadRequest) => api.post<TConvertLeadResponse>(`/leads/${id}/convert`, body),
  undoImport: (id: string) => api.post<TLeadImportResult>(`/lead-imports/${id}/undo`),
  /** The CSV file is sent as the request body (text/csv), UTF-8 or GBK as saved. */
  async importFile(file: File, csrfToken: string | null): Promise<TLeadImportResult> {
    const headers: Record<string, string> = { 'content-type': 'text/csv', accept: 'application/json' };
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    const response = await fetch(`/api/v1/leads/import?fileName=${encodeURIComponent(file.name)}`, { method: 'POST', headers, body: file, credentials: 'same-origin' });
    const data = (await response.json().catch(() => null)) as (TLeadImportResult & { error?: { code?: string; message?: string; details?: unknown } }) | null;
    if (!response.ok) throw new ApiError(response.status, data?.error?.code ?? `http_${response.status}`, data?.error?.message ?? response.statusText, data?.error?.details);
    return data as TLeadImportResult;
  },
};

export const leadRulesApi = {
  list: () => api.get<{ data: TLeadAssignmentRule[] }>('/lead-assignment-rules'),
  create: (body: z.input<typeof ZCreateLeadAssignmentRuleRequest>) => api.post<TLeadAssignmentRule>('/lead-assignment-rules', body),
  update: (id: string, body: z.input<typeof ZUpdateLeadAssignmentRuleRequest>) => api.patch<TLeadAssignmentRule>(`/lead-assignment-rules/${id}`, body),
  remove: (id: string) => api.delete<void>(`/lead-assignment-rules/${id}`),
};

export const STATUS_COLORS: Record<string, string> = { new: 'blue', working: 'cyan', qualified: 'green', disqualified: 'gray', converted: 'violet' };
