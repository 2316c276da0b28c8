import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { addMember, createWorkspaceWithAdmin, signIn, type SignedIn } from '../../../test/users';
import { auditRows } from './auth-helpers';

let t: TestApp;
let a: Awaited<ReturnType<typeof createWorkspaceWithAdmin>>;
let b: Awaited<ReturnType<typeof createWorkspaceWithAdmin>>;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  a = await createWorkspaceWithAdmin(t.database, { name: 'Alpha' });
  b = await createWorkspaceWithAdmin(t.database, { name: 'Beta' });
  admin = await signIn(t, a.adminUserId, a.workspaceId);
});
afterAll(() => t.close());

const bearer = (key: string) => ({ authorization: `Bearer ${key}`, 'accept-language': 'en' });
const whoami = (key: string) => t.app.inject({ method: 'GET', url: '/api/v1/account/whoami', headers: bearer(key) });

async function createKey(payload: Record<string, unknown>, headers = admin.headers) {
  return t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers, payload });
}

describe('API keys', () => {
  it('creates a key shown once, lists it without the secret, and acts as its creator', async () => {
    const res = await createKey({ name: 'Zapier', scopes: ['profile:read', 'contacts:read'] });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.key).toMatch(new RegExp(`^vk_${a.workspaceId.replace(/-/g, '')}_[A-Za-z0-9_-]{40,}$`));
    expect(body).toMatchObject({ name: 'Zapier', scopes: ['profile:read', 'contacts:read'], userId: a.adminUserId, revokedAt: null, lastUsedAt: null });
    expect(body.prefix).toBe(`vk_…_${body.key.slice(36, 44)}`);

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().data).toEqual([expect.objectContaining({ id: body.id, prefix: body.prefix, name: 'Zapier' })]);
    expect(list.body).not.toContain(body.key.slice(36));

    const me = await whoami(body.key);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: { id: a.adminUserId, email: expect.any(String), name: 'Admin' }, workspace: { id: a.workspaceId, name: 'Alpha' }, via: 'api_key', scopes: ['profile:read', 'contacts:read'] });
    const created = await auditRows(t, a.workspaceId, 'api_key_created');
    expect(created[0]).toMatchObject({ object: 'api_key', record_id: body.id, actor_user_id: a.adminUserId });
    expect(JSON.stringify(created)).not.toContain(body.key);
    await expect.poll(async () => (await t.database.query<{ last_used_at: Date | null }>('select last_used_at from api_keys where id = $1', [body.id]))[0].last_used_at).not.toBeNull();
  });

  it('refuses a key without the route scope, and keys on key management', async () => {
    const { key } = (await createKey({ name: 'Contacts only', scopes: ['contacts:read'] })).json();
    const res = await whoami(key);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'scope_missing', message: 'This API key lacks the scope "profile:read".' });
    const writer = (await createKey({ name: 'Writer', scopes: ['profile:write'] })).json();
    expect((await whoami(writer.key)).statusCode).toBe(200);
    const all = (await createKey({ name: 'Everything', scopes: ['*'] })).json();
    const mint = await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(all.key), payload: { name: 'Child', scopes: ['*'] } });
    expect(mint.statusCode).toBe(403);
    expect(mint.json().error.code).toBe('forbidden');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: bearer(all.key) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/account', headers: bearer(all.key), payload: { name: 'Mallory' } })).statusCode).toBe(403);
  });

  it('refuses members without the settings.api_keys capability', async () => {
    const repId = await addMember(t.database, a.workspaceId, a.roleIds.rep);
    const rep = await signIn(t, repId, a.workspaceId);
    const res = await createKey({ name: 'Mine', scopes: ['*'] }, rep.headers);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: rep.headers })).statusCode).toBe(403);
  });

  it('validates scopes and expiry', async () => {
    const bad = await createKey({ name: 'Bad', scopes: ['everything please'] });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details.fields)).toContain('scopes');
    const past = await createKey({ name: 'Past', scopes: ['*'], expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details.fields[0]).toMatchObject({ field: 'expiresAt', message: 'expiresAt must be in the future.' });
  });

  it('refuses revoked and expired keys with 401', async () => {
    const created = (await createKey({ name: 'Short-lived', scopes: ['profile:read'], expiresAt: new Date(Date.now() + 3600_000).toISOString() })).json();
    expect((await whoami(created.key)).statusCode).toBe(200);
    await t.database.query("update api_keys set expires_at = now() - interval '1 second' where id = $1", [created.id]);
    expect((await whoami(created.key)).statusCode).toBe(401);

    const other = (await createKey({ name: 'To revoke', scopes: ['profile:read'] })).json();
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${other.id}`, headers: admin.headers });
    expect(revoke.statusCode).toBe(200);
    const gone = await whoami(other.key);
    expect(gone.statusCode).toBe(401);
    expect(gone.json().error.code).toBe('unauthenticated');
    const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: admin.headers })).json().data.find((k: { id: string }) => k.id === other.id);
    expect(listed.revokedAt).toEqual(expect.any(String));
    expect(await auditRows(t, a.workspaceId, 'api_key_revoked')).toHaveLength(1);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${other.id}`, headers: admin.headers })).statusCode).toBe(200);
    expect(await auditRows(t, a.workspaceId, 'api_key_revoked')).toHaveLength(1);
    const unknown = await t.app.inject({ method: 'DELETE', url: '/api/v1/api-keys/0190a000-0000-7000-8000-000000000000', headers: admin.headers });
    expect(unknown.statusCode).toBe(404);
  });

  it('keeps keys inside their workspace and stops a key when its user leaves', async () => {
    const created = (await createKey({ name: 'Alpha key', scopes: ['*'] })).json();
    const secret = created.key.split('_').slice(2).join('_');
    const moved = `vk_${b.workspaceId.replace(/-/g, '')}_${secret}`;
    expect((await whoami(moved)).statusCode).toBe(401);
    const betaAdmin = await signIn(t, b.adminUserId, b.workspaceId);
    const cross = await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${created.id}`, headers: betaAdmin.headers });
    expect(cross.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: betaAdmin.headers })).json().data).toEqual([]);

    const repId = await addMember(t.database, a.workspaceId, a.roleIds.admin);
    const rep = await signIn(t, repId, a.workspaceId);
    const repKey = (await createKey({ name: 'Temp admin key', scopes: ['*'] }, rep.headers)).json();
    expect((await whoami(repKey.key)).json().user.id).toBe(repId);
    await t.database.query("update memberships set status = 'disabled' where workspace_id = $1 and user_id = $2", [a.workspaceId, repId]);
    expect((await whoami(repKey.key)).statusCode).toBe(401);
  });
});
