import type { TestApp } from '../../../test/app';

export interface Login {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string }; csrfToken?: string; mfaRequired?: boolean };
  /** Headers for later requests: the session cookie and the CSRF token. */
  headers: Record<string, string>;
  setCookie: string;
}

/** Signs in through the real login route, as the web app does. */
export async function login(t: TestApp, email: string, password: string, extra: Record<string, unknown> = {}): Promise<Login> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': 'en' }, payload: { email, password, ...extra } });
  const cookie = res.cookies.find((c) => c.name === 'voyage_session');
  const body = res.json();
  return {
    status: res.statusCode,
    body,
    headers: cookie ? { cookie: `voyage_session=${cookie.value}`, 'x-csrf-token': String(body.csrfToken), 'accept-language': 'en' } : {},
    setCookie: String(res.headers['set-cookie'] ?? ''),
  };
}

/** Audit rows of one action in a workspace. */
export async function auditRows(t: TestApp, workspaceId: string, action: string) {
  return t.database.query<{ action: string; object: string; actor_user_id: string | null; ip: string | null; request_id: string | null; new_values: Record<string, unknown> | null; record_id: string | null }>(
    'select action, object, actor_user_id, ip, request_id, new_values, record_id from audit_log where workspace_id = $1 and action = $2 order by at',
    [workspaceId, action],
  );
}
