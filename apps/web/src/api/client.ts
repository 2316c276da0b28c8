import { i18n } from '../i18n';

/** Field error as the API reports it in `error.details.fields`. */
export interface ApiFieldIssue {
  field: string;
  code: string;
  message: string;
}

/** An error answer of the API: `{ error: { code, message, details } }`. The message is already translated. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId?: string;
  constructor(status: number, code: string, message: string, details?: unknown, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }

  /** Field issues keyed by field path (e.g. `email`, `custom.budget`). */
  get fieldErrors(): Record<string, string> {
    const fields = (this.details as { fields?: ApiFieldIssue[] } | null)?.fields;
    const out: Record<string, string> = {};
    if (Array.isArray(fields)) for (const f of fields) out[f.field] ??= f.message;
    return out;
  }
}

let csrfToken: string | null = null;
let localeHeader: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** The session's CSRF token, echoed on every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Lets the server translate messages before the user's locale is stored on the account. */
export function setRequestLocale(locale: string | null): void {
  localeHeader = locale;
}

/** Called when an authenticated request comes back 401 (the session expired). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined | Array<string | number>>;

/** Builds a query string; arrays repeat the key. `filter[name][contains]` style keys pass through. */
export function toQueryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not fire the unauthenticated handler (sign-in and session probes). */
  quiet401?: boolean;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (localeHeader) headers['accept-language'] = localeHeader;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}${toQueryString(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', networkMessage());
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown; requestId?: string } } | null)?.error;
    const apiError = new ApiError(response.status, err?.code ?? `http_${response.status}`, err?.message ?? `${response.status} ${response.statusText}`, err?.details, err?.requestId);
    if (response.status === 401 && !options.quiet401 && apiError.code === 'unauthenticated') onUnauthenticated?.();
    throw apiError;
  }
  return data as T;
}

function networkMessage(): string {
  return i18n.t('errors.network');
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
