import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotpCode } from '@voyage/kernel';
import { createTestApp, type TestApp } from '../../../test/app';
import { createWorkspaceWithAdmin } from '../../../test/users';
import { auditRows, login } from './auth-helpers';

const PASSWORD = 'correct horse battery';
const EMAIL = 'mfa@example.com';
let t: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspaceWithAdmin>>;
let secret = '';
let recoveryCodes: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', LOCKOUT_THRESHOLD: '5' });
  ws = await createWorkspaceWithAdmin(t.database, { name: 'Alpha', email: EMAIL, password: PASSWORD });
});
afterAll(() => t.close());

const post = (url: string, headers: Record<string, string>, payload?: unknown) => t.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
/** A code of a later 30-second step than the last one used: here, the current code with the record of its use cleared. */
const nextCode = async () => {
  await t.database.query('update users set totp_last_step = null where id = $1', [ws.adminUserId]);
  return currentTotpCode(secret);
};

describe('two-factor sign-in', () => {
  it('enrolls with a code and returns ten recovery codes once', async () => {
    const s = await login(t, EMAIL, PASSWORD);
    const enroll = await post('/api/v1/account/totp/enroll', s.headers);
    expect(enroll.statusCode).toBe(200);
    secret = enroll.json().secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enroll.json().otpauthUrl).toMatch(/^otpauth:\/\/totp\/Voyage%20CRM:mfa%40example\.com\?.*secret=/);
    const stored = await t.database.query<{ totp_secret: string; totp_enabled_at: Date | null }>('select totp_secret, totp_enabled_at from users where id = $1', [ws.adminUserId]);
    expect(stored[0].totp_secret).not.toContain(secret);
    expect(stored[0].totp_enabled_at).toBeNull();

    const wrong = await post('/api/v1/account/totp/confirm', s.headers, { code: '000000' === currentTotpCode(secret) ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('totp_code_rejected');
    const confirm = await post('/api/v1/account/totp/confirm', s.headers, { code: currentTotpCode(secret) });
    expect(confirm.statusCode).toBe(200);
    recoveryCodes = confirm.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const hashes = await t.database.query<{ recovery_codes: string[] }>('select recovery_codes from users where id = $1', [ws.adminUserId]);
    expect(hashes[0].recovery_codes).toHaveLength(10);
    expect(hashes[0].recovery_codes).not.toContain(recoveryCodes[0]);
    expect((await post('/api/v1/account/totp/enroll', s.headers)).json().error.code).toBe('totp_already_enabled');
    expect(await auditRows(t, ws.workspaceId, 'totp_enabled')).toHaveLength(1);
  });

  it('holds the session pending until a code is given; a wrong code is refused and audited', async () => {
    const s = await login(t, EMAIL, PASSWORD);
    expect(s.status).toBe(200);
    expect(s.body.mfaRequired).toBe(true);
    const pending = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: s.headers })).json();
    expect(pending).toMatchObject({ mfaPending: true, role: null, workspaces: [], workspace: null });
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/account/whoami', headers: s.headers });
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().error.code).toBe('mfa_required');
    const switched = await post('/api/v1/auth/switch-workspace', s.headers, { workspaceId: ws.workspaceId });
    expect(switched.statusCode).toBe(401);

    const wrong = await post('/api/v1/auth/mfa', s.headers, { code: '12345' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'invalid_mfa_code', message: 'The verification code is incorrect.' });
    expect(await auditRows(t, ws.workspaceId, 'mfa_failed')).toHaveLength(1);

    const ok = await post('/api/v1/auth/mfa', s.headers, { code: currentTotpCode(secret) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ method: 'totp' });
    const whoami = await t.app.inject({ method: 'GET', url: '/api/v1/account/whoami', headers: s.headers });
    expect(whoami.statusCode).toBe(200);
    expect(whoami.json()).toMatchObject({ user: { id: ws.adminUserId }, via: 'session', scopes: null });
    expect(await auditRows(t, ws.workspaceId, 'mfa_verified')).toHaveLength(1);
    const failed = await t.database.query<{ failed_logins: number }>('select failed_logins from users where id = $1', [ws.adminUserId]);
    expect(failed[0].failed_logins).toBe(0);

    // The same code, seen over someone's shoulder, does not sign in a second time.
    const other = await login(t, EMAIL, PASSWORD);
    const replay = await post('/api/v1/auth/mfa', other.headers, { code: currentTotpCode(secret) });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('invalid_mfa_code');
  });

  it('accepts each recovery code once', async () => {
    const first = await login(t, EMAIL, PASSWORD);
    const used = await post('/api/v1/auth/mfa', first.headers, { code: recoveryCodes[0].toUpperCase() });
    expect(used.json()).toEqual({ method: 'recovery_code' });
    const second = await login(t, EMAIL, PASSWORD);
    const reused = await post('/api/v1/auth/mfa', second.headers, { code: recoveryCodes[0] });
    expect(reused.statusCode).toBe(401);
    expect((await post('/api/v1/auth/mfa', second.headers, { code: recoveryCodes[1] })).statusCode).toBe(200);
    const rows = await auditRows(t, ws.workspaceId, 'mfa_verified');
    expect(rows.map((r) => r.new_values)).toContainEqual({ method: 'recovery_code' });
  });

  it('regenerates recovery codes with the password; the old ones stop working', async () => {
    const s = await login(t, EMAIL, PASSWORD);
    await post('/api/v1/auth/mfa', s.headers, { code: await nextCode() });
    const refused = await post('/api/v1/account/recovery-codes/regenerate', s.headers, { password: 'not my password' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'invalid_password', message: 'The current password is incorrect.' });
    const fresh = await post('/api/v1/account/recovery-codes/regenerate', s.headers, { password: PASSWORD });
    expect(fresh.statusCode).toBe(200);
    const codes: string[] = fresh.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(await auditRows(t, ws.workspaceId, 'recovery_codes_regenerated')).toHaveLength(1);
    const next = await login(t, EMAIL, PASSWORD);
    expect((await post('/api/v1/auth/mfa', next.headers, { code: recoveryCodes[2] })).statusCode).toBe(401);
    expect((await post('/api/v1/auth/mfa', next.headers, { code: codes[0] })).statusCode).toBe(200);
  });

  it('locks the account after repeated wrong codes', async () => {
    const s = await login(t, EMAIL, PASSWORD);
    for (let i = 0; i < 5; i++) expect((await post('/api/v1/auth/mfa', s.headers, { code: 'aaaaa-bbbbb' })).statusCode).toBe(401);
    const locked = await post('/api/v1/auth/mfa', s.headers, { code: await nextCode() });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('account_locked');
    expect((await login(t, EMAIL, PASSWORD)).status).toBe(429);
    await t.database.query('update users set locked_until = null, failed_logins = 0 where id = $1', [ws.adminUserId]);
  });

  it('turns two-factor sign-in off with the password', async () => {
    const s = await login(t, EMAIL, PASSWORD);
    await post('/api/v1/auth/mfa', s.headers, { code: await nextCode() });
    expect((await post('/api/v1/account/totp/disable', s.headers, { password: 'wrong password' })).statusCode).toBe(422);
    const off = await post('/api/v1/account/totp/disable', s.headers, { password: PASSWORD });
    expect(off.statusCode).toBe(200);
    expect(await auditRows(t, ws.workspaceId, 'totp_disabled')).toHaveLength(1);
    const plain = await login(t, EMAIL, PASSWORD);
    expect(plain.body.mfaRequired).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account/whoami', headers: plain.headers })).statusCode).toBe(200);
  });
});
