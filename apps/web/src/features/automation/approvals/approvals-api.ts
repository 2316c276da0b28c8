import type { z } from 'zod';
import type {
  TApprovalLink, TApprovalProcess, TApprovalRequest, TRecordApprovals, TWorkflowCatalog,
  ZApprovalInboxResponse, ZApprovalProcessListResponse, ZCreateApprovalProcessRequest, ZSubmitApprovalRequest, ZUpdateApprovalProcessRequest,
} from '@voyage/contracts';
import { api } from '../../../api/client';

export type { TApprovalLink, TApprovalProcess, TApprovalRequest, TRecordApprovals };
export type TApprovalStepInput = z.input<typeof ZCreateApprovalProcessRequest>['steps'][number];
export type TApprovalProcessInput = z.input<typeof ZCreateApprovalProcessRequest>;
export type TCatalogObject = TWorkflowCatalog['objects'][number];
export type TDecision = 'approve' | 'reject' | 'return';

/** Who may edit approval processes (the API enforces it too). */
export const MANAGE_CAPABILITY = 'automation.manage';

export const PROCESSES_KEY = ['approval-processes'] as const;
export const approvalKey = (id: string) => ['approval', id] as const;
export const recordApprovalsKey = (object: string, recordId: string) => ['record-approvals', object, recordId] as const;
export const INBOX_KEY = ['approvals-inbox'] as const;

export const approvalProcessesApi = {
  list: (trash = false) => api.get<z.infer<typeof ZApprovalProcessListResponse>>('/approval-processes', { query: { trash: trash ? 'true' : undefined } }),
  create: (body: TApprovalProcessInput) => api.post<TApprovalProcess>('/approval-processes', body),
  update: (id: string, body: z.input<typeof ZUpdateApprovalProcessRequest>) => api.patch<TApprovalProcess>(`/approval-processes/${id}`, body),
  remove: (id: string, version: number) => api.delete<TApprovalProcess>(`/approval-processes/${id}`, { query: { version } }),
  restore: (id: string, version: number) => api.post<TApprovalProcess>(`/approval-processes/${id}/restore`, {}, { query: { version } }),
  catalog: () => api.get<TWorkflowCatalog>('/automation/catalog'),
};

export const approvalsApi = {
  inbox: (box: 'pending' | 'submitted' | 'done') => api.get<z.infer<typeof ZApprovalInboxResponse>>('/approvals', { query: { box } }),
  get: (id: string) => api.get<TApprovalRequest>(`/approvals/${id}`),
  submit: (body: z.input<typeof ZSubmitApprovalRequest>) => api.post<TApprovalRequest>('/approvals', body),
  decide: (id: string, decision: TDecision, comment: string) => api.post<TApprovalRequest>(`/approvals/${id}/decide`, { decision, comment }),
  withdraw: (id: string, comment: string) => api.post<TApprovalRequest>(`/approvals/${id}/withdraw`, { comment }),
  resubmit: (id: string, comment: string, chosenApproverId?: string | null) => api.post<TApprovalRequest>(`/approvals/${id}/resubmit`, { comment, chosenApproverId }),
  record: (object: string, recordId: string) => api.get<TRecordApprovals>(`/approvals/records/${encodeURIComponent(object)}/${recordId}`),
};

/** The emailed link's page: no session, the token stands for the approver. */
export const approvalLinksApi = {
  get: (token: string) => api.get<TApprovalLink>(`/approval-links/${encodeURIComponent(token)}`),
  decide: (token: string, decision: TDecision, comment: string) => api.post<TApprovalRequest>(`/approval-links/${encodeURIComponent(token)}/decide`, { decision, comment }),
};

export const STATUS_COLOR: Record<TApprovalRequest['status'], string> = { pending: 'blue', approved: 'green', rejected: 'red', returned: 'orange', withdrawn: 'gray' };
