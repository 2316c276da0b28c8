import type { TExportJob, TExportRequest, TImport, TImportMappingRequest, TImportUploadResponse } from '@voyage/contracts';
import { api, ApiError } from '../../../api/client';

async function raw(method: string, path: string, csrfToken: string | null, body?: BodyInit, json = false): Promise<Response> {
  const headers: Record<string, string> = {};
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  if (json) headers['content-type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, { method, headers, body, credentials: 'same-origin' });
  if (!response.ok) {
    const err = ((await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new ApiError(response.status, err?.code ?? `http_${response.status}`, err?.message ?? response.statusText, err?.details);
  }
  return response;
}

/** Saves a response body as a file through a temporary link. */
async function saveAs(response: Response, fallbackName: string): Promise<void> {
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name ? decodeURIComponent(name) : fallbackName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const importsApi = {
  upload(object: 'contact' | 'account', file: File, csrfToken: string | null): Promise<TImportUploadResponse> {
    const form = new FormData();
    form.append('object', object);
    form.append('file', file);
    return raw('POST', '/imports', csrfToken, form).then((r) => r.json() as Promise<TImportUploadResponse>);
  },
  list: () => api.get<{ data: TImport[] }>('/imports'),
  get: (id: string) => api.get<TImport>(`/imports/${id}`),
  map: (id: string, body: TImportMappingRequest) => api.put<TImport>(`/imports/${id}/mapping`, body),
  dryRun: (id: string) => api.post<TImport>(`/imports/${id}/dry-run`),
  run: (id: string) => api.post<TImport>(`/imports/${id}/run`),
  undo: (id: string, force = false) => api.post<TImport>(`/imports/${id}/undo`, { force }),
  async downloadRejected(id: string, csrfToken: string | null): Promise<void> {
    await saveAs(await raw('GET', `/imports/${id}/rejected.csv`, csrfToken), 'rejected.csv');
  },
  /** Exports a list view: a small one downloads at once; a large one comes back as a job to poll. */
  async exportList(plural: string, body: TExportRequest, csrfToken: string | null): Promise<TExportJob | null> {
    const response = await raw('POST', `/${plural}/export`, csrfToken, JSON.stringify(body), true);
    if (response.status === 202) return (await response.json()) as TExportJob;
    await saveAs(response, `${plural}.${body.format}`);
    return null;
  },
  exportJob: (id: string) => api.get<TExportJob>(`/exports/${id}`),
  async downloadExport(job: TExportJob, csrfToken: string | null): Promise<void> {
    await saveAs(await raw('GET', job.downloadUrl!.replace(/^\/api\/v1/, ''), csrfToken), `export.${job.format}`);
  },
};
