import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createWorkspaceWithAdmin } from '../../../test/users';
import { auditRows, login } from './auth-helpers';

const PASSWORD = 'correct horse battery';
const EMAIL = 'reset@example.com';
let t: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspaceWithAdmin>>;

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', PUBLIC_URL: 'https://crm.example.com/' });
  ws = await createWorkspaceWithAdmin(t.database, { name: 'Alpha', email: EMAIL, password: PASSWORD });
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = { 'accept-language': 'en' }) => t.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });

async function latestResetMail() {
  const rows = await t.database.query<{ to_address: string; subject: string; text_body: string; status: string }>('select to_address, subject, text_body, status from mail_messages where workspace_id = $1 order by created_at desc limit 1', [ws.workspaceId]);
  const mail = rows[0];
  const token = /reset-password\?token=([\w%-]+)/.exec(mail.text_body)?.[1];
  return { mail, token: decodeURIComponent(token ?? '') };
}

describe('password reset', () => {
  it('answers the same for known and unknown addresses and queues a translated mail with the link', async () => {
    await t.database.query("update users set locale = 'zh-CN' where id = $1", [ws.adminUserId]);
    const known = await post('/api/v1/auth/password-reset/request', { email: EMAIL });
    const unknown = await post('/api/v1/auth/password-reset/request', { email: 'ghost@example.com' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    expect(known.json().message).toMatch(/If an account exists/);
    const { mail, token } = await latestResetMail();
    expect(mail).toMatchObject({ to_address: EMAIL, subject: expect.stringMatching(/密码/), status: 'queued' });
    expect(mail.text_body).toContain('https://crm.example.com/reset-password?token=');
    expect(mail.text_body).toContain('30');
    expect(token.length).toBeGreaterThan(20);
    const mails = await t.database.query<{ n: number }>('select count(*)::int as n from mail_messages');
    expect(mails[0].n).toBe(1);
    expect(await auditRows(t, ws.workspaceId, 'password_reset_requested')).toHaveLength(1);
  });

  it('sets the new password, ends every session, and refuses the token a second time', async () => {
    const before = await login(t, EMAIL, PASSWORD);
    const { token } = await latestResetMail();
    const short = await post('/api/v1/auth/password-reset/confirm', { token, password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.fields[0]).toMatchObject({ field: 'password' });

    const done = await post('/api/v1/auth/password-reset/confirm', { token, password: 'a brand new passphrase' });
    expect(done.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: before.headers })).statusCode).toBe(401);
    expect((await login(t, EMAIL, PASSWORD)).status).toBe(401);
    expect((await login(t, EMAIL, 'a brand new passphrase')).status).toBe(200);

    const reused = await post('/api/v1/auth/password-reset/confirm', { token, password: 'yet another passphrase' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error).toMatchObject({ code: 'invalid_token', message: 'The link is invalid or has expired.' });
    const audit = await auditRows(t, ws.workspaceId, 'password_reset');
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('passphrase');
  });

  it('refuses an expired or made-up token', async () => {
    await post('/api/v1/auth/password-reset/request', { email: EMAIL });
    const { token } = await latestResetMail();
    await t.database.query("update password_resets set expires_at = now() - interval '1 minute' where used_at is null");
    expect((await post('/api/v1/auth/password-reset/confirm', { token, password: 'expired passphrase' })).statusCode).toBe(422);
    expect((await post('/api/v1/auth/password-reset/confirm', { token: 'made-up', password: 'made up passphrase' })).json().error.code).toBe('invalid_token');
  });
});

describe('account', () => {
  it('changes name, language and theme, and validates them', async () => {
    const s = await login(t, EMAIL, 'a brand new passphrase');
    // PUBLIC_URL is https here, so the cookie is only ever sent over TLS.
    expect(s.setCookie).toMatch(/; Secure/);
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/account', headers: s.headers, payload: { name: 'Ada Lovelace', locale: 'zh-TW', theme: 'dark' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ name: 'Ada Lovelace', locale: 'zh-TW', theme: 'dark' });
    const bad = await t.app.inject({ method: 'PATCH', url: '/api/v1/account', headers: s.headers, payload: { locale: 'fr' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ field: 'locale' });
    // The session now speaks the user's language.
    const zh = await t.app.inject({ method: 'PATCH', url: '/api/v1/account', headers: { cookie: s.headers.cookie }, payload: { theme: 'light' } });
    expect(zh.json().error.message).toMatch(/安全/);
  });

  it('changes the password with the current one and signs out the other sessions', async () => {
    const current = await login(t, EMAIL, 'a brand new passphrase');
    const other = await login(t, EMAIL, 'a brand new passphrase');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/account/password', headers: current.headers, payload: { currentPassword: 'nope nope nope', newPassword: 'third passphrase here' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('invalid_password');
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/account/password', headers: current.headers, payload: { currentPassword: 'a brand new passphrase', newPassword: 'third passphrase here' } });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: current.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: other.headers })).statusCode).toBe(401);
    expect((await login(t, EMAIL, 'third passphrase here')).status).toBe(200);
    expect(await auditRows(t, ws.workspaceId, 'password_changed')).toHaveLength(1);
  });
});
