import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { addMember, createWorkspaceWithAdmin } from '../../../test/users';
import { auditRows, login } from './auth-helpers';

const PASSWORD = 'correct horse battery';
let t: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspaceWithAdmin>>;
let email: string;

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', LOCKOUT_THRESHOLD: '3', LOCKOUT_MINUTES: '15' });
  email = 'ada@example.com';
  ws = await createWorkspaceWithAdmin(t.database, { name: 'Alpha', email, password: PASSWORD });
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('signs in, sets a signed httpOnly SameSite=Lax cookie, and the session works', async () => {
    const res = await login(t, 'ADA@example.com', PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { id: ws.adminUserId, email, name: 'Admin' }, workspace: { id: ws.workspaceId, name: 'Alpha' }, workspaces: [{ id: ws.workspaceId, name: 'Alpha' }], mfaRequired: false });
    expect(res.body.csrfToken).toEqual(expect.any(String));
    expect(res.setCookie).toMatch(/voyage_session=[^;]+\.[^;]+;/);
    expect(res.setCookie).toMatch(/HttpOnly/);
    expect(res.setCookie).toMatch(/SameSite=Lax/);
    expect(res.setCookie).not.toMatch(/Secure/);

    const session = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: res.headers });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({
      user: { id: ws.adminUserId, email, totpEnabled: false },
      workspace: { id: ws.workspaceId, name: 'Alpha' },
      role: { isAdmin: true, name: 'Administrator' },
      csrfToken: res.body.csrfToken,
      mfaPending: false,
    });
    const rows = await auditRows(t, ws.workspaceId, 'login');
    expect(rows.at(-1)).toMatchObject({ object: 'auth', actor_user_id: ws.adminUserId, ip: '127.0.0.1' });
    expect(rows.at(-1)?.request_id).toEqual(expect.any(String));
  });

  it('gives a wrong password and an unknown email the same 401, and audits the known account', async () => {
    const wrong = await login(t, email, 'not the password');
    const unknown = await login(t, 'nobody@example.com', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toMatchObject({ code: 'invalid_credentials', message: 'Email or password is incorrect.' });
    expect(unknown.body.error?.message).toBe(wrong.body.error?.message);
    expect(wrong.setCookie).toBe('');
    const failed = await auditRows(t, ws.workspaceId, 'login_failed');
    expect(failed).toHaveLength(1);
    expect(JSON.stringify(failed)).not.toContain('not the password');
    // A success resets the count, so this test leaves no progress towards a lockout.
    expect((await login(t, email, PASSWORD)).status).toBe(200);
  });

  it('refuses a cookie-authenticated state change without the CSRF header', async () => {
    const res = await login(t, email, PASSWORD);
    const { 'x-csrf-token': _csrf, ...noCsrf } = res.headers;
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: noCsrf });
    expect(logout.statusCode).toBe(403);
    expect(logout.json().error.code).toBe('csrf_failed');
    const patch = await t.app.inject({ method: 'PATCH', url: '/api/v1/account', headers: { ...noCsrf, 'x-csrf-token': 'forged' }, payload: { name: 'Eve' } });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().error.code).toBe('csrf_failed');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: noCsrf })).statusCode).toBe(200);
  });

  it('rejects malformed bodies with 400 validation_failed', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD, remember: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email } });
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json().error.details.fields)).toContain('password');
  });

  it('logs out: the session ends, the cookie is cleared, and it is audited', async () => {
    const res = await login(t, email, PASSWORD);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: res.headers });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/voyage_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: res.headers });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
    expect((await auditRows(t, ws.workspaceId, 'logout')).length).toBeGreaterThan(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(401);
  });
});

describe('workspaces', () => {
  it('opens the requested, else the last used workspace, and switches between memberships', async () => {
    const beta = await createWorkspaceWithAdmin(t.database, { name: 'Beta', email: 'bea@example.com', password: PASSWORD });
    const gamma = await createWorkspaceWithAdmin(t.database, { name: 'Gamma' });
    const userId = await addMember(t.database, ws.workspaceId, ws.roleIds.rep, { email: 'rex@example.com', password: PASSWORD });
    await t.database.query('insert into memberships (workspace_id, user_id, role_id) values ($1, $2, $3)', [beta.workspaceId, userId, beta.roleIds.viewer]);

    const first = await login(t, 'rex@example.com', PASSWORD);
    expect(first.body.workspace).toEqual({ id: ws.workspaceId, name: 'Alpha' });
    expect(first.body.workspaces).toHaveLength(2);
    const chosen = await login(t, 'rex@example.com', PASSWORD, { workspaceId: beta.workspaceId });
    expect(chosen.body.workspace).toEqual({ id: beta.workspaceId, name: 'Beta' });
    const again = await login(t, 'rex@example.com', PASSWORD);
    expect(again.body.workspace).toEqual({ id: beta.workspaceId, name: 'Beta' });
    const foreign = await login(t, 'rex@example.com', PASSWORD, { workspaceId: gamma.workspaceId });
    expect(foreign.status).toBe(404);

    const sw = await t.app.inject({ method: 'POST', url: '/api/v1/auth/switch-workspace', headers: again.headers, payload: { workspaceId: ws.workspaceId } });
    expect(sw.statusCode).toBe(200);
    const session = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: again.headers })).json();
    expect(session.workspace.id).toBe(ws.workspaceId);
    expect(session.role).toMatchObject({ name: 'Sales rep', isAdmin: false });
    const lastUsed = await t.database.query<{ last_workspace_id: string }>('select last_workspace_id from users where id = $1', [userId]);
    expect(lastUsed[0].last_workspace_id).toBe(ws.workspaceId);
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/auth/switch-workspace', headers: again.headers, payload: { workspaceId: gamma.workspaceId } });
    expect(refused.statusCode).toBe(404);
  });
});

describe('lockout', () => {
  it('locks the account after the threshold of consecutive failures, then unlocks when it expires', async () => {
    const target = 'locky@example.com';
    await addMember(t.database, ws.workspaceId, ws.roleIds.rep, { email: target, password: PASSWORD });
    for (let i = 0; i < 3; i++) expect((await login(t, target, 'wrong password!')).status).toBe(401);
    const locked = await login(t, target, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ code: 'account_locked', message: 'Too many failed attempts. Try again in 15 minutes.' });
    const lockAudit = await auditRows(t, ws.workspaceId, 'locked_out');
    expect(lockAudit.at(-1)?.new_values).toEqual({ minutes: 15 });

    await t.database.query("update users set locked_until = now() - interval '1 second' where lower(email) = $1", [target]);
    expect((await login(t, target, PASSWORD)).status).toBe(200);
    const row = await t.database.query<{ failed_logins: number; locked_until: Date | null }>('select failed_logins, locked_until from users where lower(email) = $1', [target]);
    expect(row[0]).toEqual({ failed_logins: 0, locked_until: null });
  });
});
