import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { addMember, createWorkspaceWithAdmin, signIn, type SignedIn } from '../../../test/users';

let t: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspaceWithAdmin>>;
let admin: SignedIn;
let rep: SignedIn;
let repId: string;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspaceWithAdmin(t.database, { name: 'Org Co' });
  admin = await signIn(t, ws.adminUserId, ws.workspaceId);
  repId = await addMember(t.database, ws.workspaceId, ws.roleIds.rep, { name: 'Rita Rep', email: 'rita@example.com' });
  rep = await signIn(t, repId, ws.workspaceId);
});
afterAll(() => t.close());

const call = (who: SignedIn, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { ...who.headers, 'accept-language': 'en' }, payload: payload as Record<string, unknown> });

async function auditRows(recordId: string) {
  return t.database.query<{ action: string; old_values: Record<string, unknown> | null; new_values: Record<string, unknown> | null }>(
    'select action, old_values, new_values from audit_log where workspace_id = $1 and record_id = $2 order by at, id',
    [ws.workspaceId, recordId],
  );
}

describe('users (P2)', () => {
  it('lets any member list users for pickers, with role and filters', async () => {
    const res = await call(rep, 'GET', '/api/v1/users');
    expect(res.statusCode).toBe(200);
    const names = res.json().data.map((u: { name: string }) => u.name);
    expect(names).toEqual(['Admin', 'Rita Rep']);
    expect(res.json().data[1]).toMatchObject({ email: 'rita@example.com', roleId: ws.roleIds.rep, roleName: 'Sales rep', status: 'active', departmentId: null });
    const filtered = await call(rep, 'GET', '/api/v1/users?q=RITA');
    expect(filtered.json().data.map((u: { userId: string }) => u.userId)).toEqual([repId]);
    const byRole = await call(rep, 'GET', `/api/v1/users?roleId=${ws.roleIds.admin}`);
    expect(byRole.json().data.map((u: { userId: string }) => u.userId)).toEqual([ws.adminUserId]);
  });

  it('pages the list with a cursor', async () => {
    const first = await call(admin, 'GET', '/api/v1/users?limit=1');
    expect(first.json().data).toHaveLength(1);
    const second = await call(admin, 'GET', `/api/v1/users?limit=1&cursor=${first.json().nextCursor}`);
    expect(second.json().data[0].name).toBe('Rita Rep');
    expect(second.json().nextCursor).toBeNull();
    const bad = await call(admin, 'GET', '/api/v1/users?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('query.cursor');
  });

  it('refuses adding a user without settings.users (403)', async () => {
    const res = await call(rep, 'POST', '/api/v1/users', { email: 'x@example.com', name: 'X', roleId: ws.roleIds.rep, password: 'long enough pw' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('creates a new user (password required) and emits platform.member.added with an audit row', async () => {
    const missing = await call(admin, 'POST', '/api/v1/users', { email: 'newbie@example.com', name: 'Newbie', roleId: ws.roleIds.rep });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields).toEqual([expect.objectContaining({ field: 'password', code: 'required', message: 'password is required.' })]);
    const res = await call(admin, 'POST', '/api/v1/users', { email: 'Newbie@Example.com', name: 'Newbie', roleId: ws.roleIds.rep, title: 'Account executive', supervisorId: repId, password: 'long enough pw' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ email: 'newbie@example.com', name: 'Newbie', title: 'Account executive', supervisorId: repId, supervisorName: 'Rita Rep', version: 1 });
    const events = await t.database.query<{ payload: Record<string, unknown> }>(`select payload from outbox where workspace_id = $1 and event = 'platform.member.added'`, [ws.workspaceId]);
    expect(events.map((e) => e.payload)).toContainEqual(expect.objectContaining({ userId: body.userId, newUser: true }));
    expect((await auditRows(body.userId))[0]).toMatchObject({ action: 'create', new_values: expect.objectContaining({ email: 'newbie@example.com' }) });
    const dup = await call(admin, 'POST', '/api/v1/users', { email: 'newbie@example.com', name: 'Again', roleId: ws.roleIds.rep });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('duplicate');
  });

  it('adds an existing account from another workspace without a password', async () => {
    const other = await createWorkspaceWithAdmin(t.database, { name: 'Other Co', email: 'boss@other.example.com' });
    const res = await call(admin, 'POST', '/api/v1/users', { email: 'boss@other.example.com', name: 'Ignored', roleId: ws.roleIds.viewer });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ userId: other.adminUserId, name: 'Admin', roleName: 'Read-only' });
  });

  it('refuses a role from another workspace, naming the field', async () => {
    const other = await createWorkspaceWithAdmin(t.database, { name: 'Elsewhere' });
    const res = await call(admin, 'POST', '/api/v1/users', { email: 'z@example.com', name: 'Z', roleId: other.roleIds.rep, password: 'long enough pw' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0]).toMatchObject({ field: 'roleId', code: 'not_found' });
    const patchForeign = await call(admin, 'PATCH', `/api/v1/users/${other.adminUserId}`, { title: 'x', version: 1 });
    expect(patchForeign.statusCode).toBe(404);
  });

  it('changes a role with a version check and audits it as permission_change', async () => {
    const current = (await call(admin, 'GET', `/api/v1/users/${repId}`)).json();
    const res = await call(admin, 'PATCH', `/api/v1/users/${repId}`, { roleId: ws.roleIds.manager, version: current.version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ roleId: ws.roleIds.manager, version: current.version + 1 });
    const stale = await call(admin, 'PATCH', `/api/v1/users/${repId}`, { title: 'Lead', version: current.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const titled = await call(admin, 'PATCH', `/api/v1/users/${repId}`, { title: 'Lead', version: current.version + 1 });
    expect(titled.statusCode).toBe(200);
    const rows = await auditRows(repId);
    expect(rows.at(-2)).toMatchObject({ action: 'permission_change', old_values: { roleId: ws.roleIds.rep }, new_values: { roleId: ws.roleIds.manager } });
    expect(rows.at(-1)).toMatchObject({ action: 'update', old_values: { title: null }, new_values: { title: 'Lead' } });
    const events = await t.database.query<{ payload: { userId: string; changes: Record<string, unknown> } }>(`select payload from outbox where workspace_id = $1 and event = 'platform.member.updated' order by occurred_at, id`, [ws.workspaceId]);
    expect(events.at(-1)?.payload).toMatchObject({ userId: repId, changes: { title: 'Lead' } });
  });

  it('refuses a supervisor cycle (422)', async () => {
    const a = await addMember(t.database, ws.workspaceId, ws.roleIds.rep, { name: 'A' });
    const b = await addMember(t.database, ws.workspaceId, ws.roleIds.rep, { name: 'B', supervisorId: a });
    const c = await addMember(t.database, ws.workspaceId, ws.roleIds.rep, { name: 'C', supervisorId: b });
    const res = await call(admin, 'PATCH', `/api/v1/users/${a}`, { supervisorId: c, version: 1 });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'tenancy.supervisor_cycle', message: expect.stringMatching(/reporting loop/) });
    const self = await call(admin, 'PATCH', `/api/v1/users/${a}`, { supervisorId: a, version: 1 });
    expect(self.statusCode).toBe(422);
    const ok = await call(admin, 'PATCH', `/api/v1/users/${c}`, { supervisorId: a, version: 1 });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses removing or disabling the last admin (422)', async () => {
    const demote = await call(admin, 'PATCH', `/api/v1/users/${ws.adminUserId}`, { roleId: ws.roleIds.rep, version: 1 });
    expect(demote.statusCode).toBe(422);
    expect(demote.json().error.code).toBe('tenancy.last_admin');
    const disable = await call(admin, 'PATCH', `/api/v1/users/${ws.adminUserId}`, { status: 'disabled', version: 1 });
    expect(disable.statusCode).toBe(422);
    const zh = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${ws.adminUserId}?lang=zh-CN`, headers: admin.headers, payload: { status: 'disabled', version: 1 } });
    expect(zh.json().error.message).toBe('工作区必须至少保留一名启用状态的管理员。');
  });

  it('disables a member, who then cannot use the API', async () => {
    const victim = await addMember(t.database, ws.workspaceId, ws.roleIds.rep, { name: 'Leaving' });
    const session = await signIn(t, victim, ws.workspaceId);
    expect((await call(session, 'GET', '/api/v1/users')).statusCode).toBe(200);
    const res = await call(admin, 'PATCH', `/api/v1/users/${victim}`, { status: 'disabled', version: 1 });
    expect(res.json().status).toBe('disabled');
    expect((await call(session, 'GET', '/api/v1/users')).statusCode).toBe(401);
  });

  it('rejects unknown fields and bad values by name (400)', async () => {
    const res = await call(admin, 'PATCH', `/api/v1/users/${repId}`, { status: 'gone', isAdmin: true, version: 1 });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toContain('status');
    const unknownOnly = await call(admin, 'PATCH', `/api/v1/users/${repId}`, { isAdmin: true, version: 1 });
    expect(unknownOnly.statusCode).toBe(400);
    expect(unknownOnly.json().error.code).toBe('validation_failed');
  });
});

describe('departments (P2)', () => {
  it('builds a tree, counts members and refuses cycles, non-empty deletes and missing rights', async () => {
    const forbidden = await call(rep, 'POST', '/api/v1/departments', { name: 'Nope' });
    expect(forbidden.statusCode).toBe(403);
    const sales = (await call(admin, 'POST', '/api/v1/departments', { name: 'Sales' })).json();
    const east = (await call(admin, 'POST', '/api/v1/departments', { name: 'East', parentId: sales.id, headUserId: repId })).json();
    const shanghai = await call(admin, 'POST', '/api/v1/departments', { name: 'Shanghai', parentId: east.id });
    expect(shanghai.statusCode).toBe(201);
    expect(east).toMatchObject({ parentId: sales.id, headUserId: repId, headUserName: 'Rita Rep', memberCount: 0 });

    const member = (await call(admin, 'GET', `/api/v1/users/${repId}`)).json();
    await call(admin, 'PATCH', `/api/v1/users/${repId}`, { departmentId: east.id, version: member.version });
    const list = await call(rep, 'GET', '/api/v1/departments');
    expect(list.statusCode).toBe(200);
    expect(list.json().data.find((d: { id: string }) => d.id === east.id)).toMatchObject({ memberCount: 1 });

    const cycle = await call(admin, 'PATCH', `/api/v1/departments/${sales.id}`, { parentId: shanghai.json().id, version: 1 });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().error.code).toBe('tenancy.department_cycle');
    const selfParent = await call(admin, 'PATCH', `/api/v1/departments/${sales.id}`, { parentId: sales.id, version: 1 });
    expect(selfParent.statusCode).toBe(422);

    const renamed = await call(admin, 'PATCH', `/api/v1/departments/${east.id}`, { name: 'East China', version: 1 });
    expect(renamed.json()).toMatchObject({ name: 'East China', version: 2 });
    const stale = await call(admin, 'PATCH', `/api/v1/departments/${east.id}`, { name: 'Again', version: 1 });
    expect(stale.statusCode).toBe(409);

    const notEmpty = await call(admin, 'DELETE', `/api/v1/departments/${east.id}`);
    expect(notEmpty.statusCode).toBe(422);
    expect(notEmpty.json().error).toMatchObject({ code: 'tenancy.department_not_empty', message: 'The department still has 1 members and 1 sub-departments. Move them first.' });

    const gone = await call(admin, 'DELETE', `/api/v1/departments/${shanghai.json().id}`);
    expect(gone.statusCode).toBe(204);
    const after = (await call(admin, 'GET', '/api/v1/departments')).json().data.map((d: { name: string }) => d.name);
    expect(after).not.toContain('Shanghai');
    const audit = await auditRows(shanghai.json().id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('answers 404 for a department of another workspace', async () => {
    const other = await createWorkspaceWithAdmin(t.database, { name: 'Far Co' });
    const otherAdmin = await signIn(t, other.adminUserId, other.workspaceId);
    const foreign = (await call(otherAdmin, 'POST', '/api/v1/departments', { name: 'Theirs' })).json();
    expect((await call(admin, 'PATCH', `/api/v1/departments/${foreign.id}`, { name: 'Mine', version: 1 })).statusCode).toBe(404);
    expect((await call(admin, 'DELETE', `/api/v1/departments/${foreign.id}`)).statusCode).toBe(404);
    const move = await call(admin, 'POST', '/api/v1/departments', { name: 'Child', parentId: foreign.id });
    expect(move.statusCode).toBe(400);
    expect(move.json().error.details.fields[0]).toMatchObject({ field: 'parentId', code: 'not_found' });
  });
});
