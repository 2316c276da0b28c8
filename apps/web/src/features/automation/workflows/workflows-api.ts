import type { z } from 'zod';
import type {
  TWorkflow, TWorkflowCatalog, TWorkflowEdge, TWorkflowGraph, TWorkflowIssue, TWorkflowNode, TWorkflowRun, TWorkflowRunDetail, TWorkflowTrigger, TWorkflowWait, TEmailTemplate,
  ZCreateWorkflowRequest, ZUpdateWorkflowRequest, ZRunWorkflowResponse, ZSetWorkflowStatusRequest, ZTestRunRequest, ZTestRunResponse, ZValidateWorkflowResponse,
  ZWorkflowListResponse, ZWorkflowRunListResponse, ZWorkflowTemplatesResponse, ZWorkflowVersionsResponse, TWorkflowVersion,
} from '@voyage/contracts';
import { api } from '../../../api/client';

export type { TWorkflow, TWorkflowCatalog, TWorkflowEdge, TWorkflowGraph, TWorkflowIssue, TWorkflowNode, TWorkflowRun, TWorkflowRunDetail, TWorkflowTrigger, TWorkflowVersion, TWorkflowWait };
export type TWorkflowSummary = z.infer<typeof ZWorkflowListResponse>['data'][number];
export type TTestRunStep = z.infer<typeof ZTestRunResponse>['steps'][number];
export type TWorkflowTemplate = z.infer<typeof ZWorkflowTemplatesResponse>['data'][number];
export type TCatalogObject = TWorkflowCatalog['objects'][number];
export type TCatalogAction = TWorkflowCatalog['actions'][number];
export type TCatalogActionField = TCatalogAction['fields'][number];
export type TCatalogField = TCatalogObject['fields'][number];
export type TWorkflowStepRow = TWorkflowRunDetail['steps'][number];

/** The capability every workflow screen needs (the API enforces it too). */
export const MANAGE_CAPABILITY = 'automation.manage';

export const WORKFLOWS_KEY = ['workflows'] as const;
export const workflowKey = (id: string) => ['workflow', id] as const;
export const runsKey = (id: string) => ['workflow-runs', id] as const;
/** Published versions change only when one is published, so the live version number is part of the key. */
export const versionsKey = (id: string, published: number | null) => ['workflow-versions', id, published] as const;

export const workflowsApi = {
  list: (trash = false) => api.get<z.infer<typeof ZWorkflowListResponse>>('/workflows', { query: { trash: trash ? 'true' : undefined } }),
  get: (id: string) => api.get<TWorkflow>(`/workflows/${id}`),
  create: (body: z.input<typeof ZCreateWorkflowRequest>) => api.post<TWorkflow>('/workflows', body),
  update: (id: string, body: z.input<typeof ZUpdateWorkflowRequest>) => api.patch<TWorkflow>(`/workflows/${id}`, body),
  remove: (id: string) => api.delete<TWorkflow>(`/workflows/${id}`),
  validate: (id: string) => api.post<z.infer<typeof ZValidateWorkflowResponse>>(`/workflows/${id}/validate`, {}),
  publish: (id: string, version: number) => api.post<TWorkflow>(`/workflows/${id}/publish`, { version }),
  setStatus: (id: string, body: z.input<typeof ZSetWorkflowStatusRequest>) => api.put<TWorkflow>(`/workflows/${id}/status`, body),
  versions: (id: string) => api.get<z.infer<typeof ZWorkflowVersionsResponse>>(`/workflows/${id}/versions`),
  restoreVersion: (id: string, version: number, workflowVersion: number) => api.post<TWorkflow>(`/workflows/${id}/versions/${version}/restore`, { version: workflowVersion }),
  testRun: (id: string, body: z.input<typeof ZTestRunRequest>) => api.post<z.infer<typeof ZTestRunResponse>>(`/workflows/${id}/test-run`, body),
  run: (id: string, recordIds: string[]) => api.post<z.infer<typeof ZRunWorkflowResponse>>(`/workflows/${id}/run`, { recordIds }),
  runs: (id: string, query: { status?: string; cursor?: string; limit?: number }) => api.get<z.infer<typeof ZWorkflowRunListResponse>>(`/workflows/${id}/runs`, { query }),
  runDetail: (runId: string) => api.get<TWorkflowRunDetail>(`/workflow-runs/${runId}`),
  replay: (runId: string) => api.post<TWorkflowRunDetail>(`/workflow-runs/${runId}/replay`, {}),
};

export const catalogApi = {
  get: () => api.get<TWorkflowCatalog>('/automation/catalog'),
};

export const workflowTemplatesApi = {
  list: () => api.get<z.infer<typeof ZWorkflowTemplatesResponse>>('/workflow-templates'),
  install: (key: string) => api.post<TWorkflow>(`/workflow-templates/${encodeURIComponent(key)}/install`, {}),
};

export const emailTemplatesApi = {
  list: () => api.get<{ data: TEmailTemplate[] }>('/email-templates'),
};

/** The `details.issues` of a 422 `workflow.invalid_graph`, when the error is one. */
export function graphIssues(error: unknown): TWorkflowIssue[] | null {
  const details = (error as { details?: { issues?: TWorkflowIssue[] } } | null)?.details;
  return Array.isArray(details?.issues) ? details.issues : null;
}

/** Brings a trashed workflow back. */
export const restoreWorkflow = (id: string) => api.post<TWorkflow>(`/workflows/${id}/restore`, {});

/** A new workflow's draft: its trigger, to configure first. */
export const STARTER_GRAPH: TWorkflowGraph = { nodes: [{ id: 'trigger_1', type: 'trigger', position: { x: 0, y: 0 }, trigger: { kind: 'record_updated' } }], edges: [] };
