import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceWithAdmin, addMember, signIn, type SignedIn } from '../../../test/users';
import type { TestApp } from '../../../test/app';
import { createFixtureApp, insertWidget } from './permissions-fixture';

let t: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspaceWithAdmin>>;
let admin: SignedIn;
let rep1: SignedIn;
let rep2: SignedIn;
let viewer: SignedIn;
let w1: string;
let w2: string;
let foreignWidget: string;

const call = (who: SignedIn, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { ...who.headers, 'accept-language': 'en' }, payload: payload as Record<string, unknown> });

async function memberWithRole(role: Record<string, unknown>): Promise<SignedIn> {
  const created = await call(admin, 'POST', '/api/v1/roles', role);
  expect(created.statusCode).toBe(201);
  return signIn(t, await addMember(t.database, ws.workspaceId, created.json().id), ws.workspaceId);
}

beforeAll(async () => {
  t = await createFixtureApp();
  ws = await createWorkspaceWithAdmin(t.database, { name: 'Perm Co', objects: ['widget'] });
  admin = await signIn(t, ws.adminUserId, ws.workspaceId);
  rep1 = await signIn(t, await addMember(t.database, ws.workspaceId, ws.roleIds.rep, { name: 'Rep One' }), ws.workspaceId);
  rep2 = await signIn(t, await addMember(t.database, ws.workspaceId, ws.roleIds.rep, { name: 'Rep Two' }), ws.workspaceId);
  viewer = await signIn(t, await addMember(t.database, ws.workspaceId, ws.roleIds.viewer, { name: 'Vera Viewer' }), ws.workspaceId);
  w1 = await insertWidget(t.database, ws.workspaceId, rep1.userId, { name: 'Rep one widget', phone: '13812345678' });
  w2 = await insertWidget(t.database, ws.workspaceId, rep2.userId, { name: 'Rep two widget' });
  const other = await createWorkspaceWithAdmin(t.database, { name: 'Other', objects: ['widget'] });
  foreignWidget = await insertWidget(t.database, other.workspaceId, other.adminUserId);
});
afterAll(() => t.close());

describe('record permissions through the API (P4)', () => {
  it('shows a record inside the data scope and answers 404 outside it or in another workspace', async () => {
    expect((await call(rep1, 'GET', `/api/v1/test-widgets/${w1}`)).json()).toMatchObject({ name: 'Rep one widget', phone: '13812345678' });
    const outside = await call(rep1, 'GET', `/api/v1/test-widgets/${w2}`);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('not_found');
    expect((await call(admin, 'GET', `/api/v1/test-widgets/${foreignWidget}`)).statusCode).toBe(404);
    expect((await call(viewer, 'GET', `/api/v1/test-widgets/${w2}`)).statusCode).toBe(200);
  });

  it('answers 403 when the role lacks the object right', async () => {
    const none = await memberWithRole({ name: 'No widgets', dataScope: 'all', permissions: { widget: { read: false } } });
    const res = await call(none, 'GET', `/api/v1/test-widgets/${w1}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'forbidden', message: 'You do not have permission to do this.' });
    expect((await call(viewer, 'PATCH', `/api/v1/test-widgets/${w2}`, { name: 'x' })).statusCode).toBe(403);
  });

  it('masks a sensitive field on read and refuses writes to read-only or masked fields', async () => {
    const masked = await memberWithRole({ name: 'Masked', dataScope: 'all', permissions: { widget: { read: true, update: true } }, fieldRules: { widget: { phone: 'masked', name: 'readonly' } } });
    const read = await call(masked, 'GET', `/api/v1/test-widgets/${w1}`);
    expect(read.json().phone).toBe('138****5678');
    const write = await call(masked, 'PATCH', `/api/v1/test-widgets/${w1}`, { name: 'Renamed' });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.details.fields).toEqual([expect.objectContaining({ field: 'name', code: 'read_only' })]);
    expect((await call(masked, 'PATCH', `/api/v1/test-widgets/${w1}`, { phone: '13900000000' })).statusCode).toBe(403);
    const hidden = await memberWithRole({ name: 'Hidden', dataScope: 'all', permissions: { widget: { read: true } }, fieldRules: { widget: { phone: 'hidden' } } });
    expect((await call(hidden, 'GET', `/api/v1/test-widgets/${w1}`)).json()).not.toHaveProperty('phone');
  });
});

describe('per-record sharing (P4)', () => {
  let shareId: string;

  it('refuses sharing by someone who cannot see (404) or cannot edit (403) the record', async () => {
    const unseen = await call(rep2, 'POST', '/api/v1/shares', { object: 'widget', recordId: w1, userId: rep2.userId, access: 'edit' });
    expect(unseen.statusCode).toBe(404);
    const readOnly = await call(viewer, 'POST', '/api/v1/shares', { object: 'widget', recordId: w1, userId: viewer.userId, access: 'read' });
    expect(readOnly.statusCode).toBe(403);
  });

  it('a read share lets the colleague read but not edit; an edit share lets them edit', async () => {
    const res = await call(rep1, 'POST', '/api/v1/shares', { object: 'widget', recordId: w1, userId: rep2.userId, access: 'read' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ object: 'widget', recordId: w1, userId: rep2.userId, userName: 'Rep Two', access: 'read', createdBy: rep1.userId });
    shareId = res.json().id;
    expect((await call(rep2, 'GET', `/api/v1/test-widgets/${w1}`)).statusCode).toBe(200);
    expect((await call(rep2, 'PATCH', `/api/v1/test-widgets/${w1}`, { name: 'By two' })).statusCode).toBe(404);
    const upgraded = await call(rep1, 'POST', '/api/v1/shares', { object: 'widget', recordId: w1, userId: rep2.userId, access: 'edit' });
    expect(upgraded.json()).toMatchObject({ id: shareId, access: 'edit' });
    expect((await call(rep2, 'PATCH', `/api/v1/test-widgets/${w1}`, { name: 'By two' })).json().name).toBe('By two');
    const list = await call(rep2, 'GET', `/api/v1/shares?object=widget&recordId=${w1}`);
    expect(list.json().data).toEqual([expect.objectContaining({ id: shareId, access: 'edit' })]);
    const audit = await t.database.query<{ action: string; new_values: { access: string } }>(`select action, new_values from audit_log where workspace_id = $1 and object = 'widget' and record_id = $2 order by at, id`, [ws.workspaceId, w1]);
    expect(audit.map((a) => [a.action, a.new_values.access])).toEqual([['permission_change', 'read'], ['permission_change', 'edit']]);
  });

  it('shares with a department', async () => {
    const dept = (await call(admin, 'POST', '/api/v1/departments', { name: 'Team' })).json();
    const member = await signIn(t, await addMember(t.database, ws.workspaceId, ws.roleIds.rep, { departmentId: dept.id }), ws.workspaceId);
    expect((await call(member, 'GET', `/api/v1/test-widgets/${w1}`)).statusCode).toBe(404);
    const res = await call(rep1, 'POST', '/api/v1/shares', { object: 'widget', recordId: w1, departmentId: dept.id, access: 'read' });
    expect(res.json()).toMatchObject({ departmentId: dept.id, departmentName: 'Team', userId: null });
    expect((await call(member, 'GET', `/api/v1/test-widgets/${w1}`)).statusCode).toBe(200);
  });

  it('validates the target and the object, naming the field', async () => {
    const both = await call(rep1, 'POST', '/api/v1/shares', { object: 'widget', recordId: w1, access: 'read' });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.details.fields[0]).toMatchObject({ field: 'userId', code: 'required' });
    const other = await createWorkspaceWithAdmin(t.database, { name: 'Stranger Co' });
    const stranger = await call(rep1, 'POST', '/api/v1/shares', { object: 'widget', recordId: w1, userId: other.adminUserId, access: 'read' });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.details.fields[0]).toMatchObject({ field: 'userId', code: 'not_found' });
    const unknown = await call(rep1, 'POST', '/api/v1/shares', { object: 'spaceship', recordId: w1, userId: rep2.userId, access: 'read' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0]).toMatchObject({ field: 'object', code: 'invalid_option' });
    const listUnseen = await call(rep2, 'GET', `/api/v1/shares?object=widget&recordId=${foreignWidget}`);
    expect(listUnseen.statusCode).toBe(404);
  });

  it('withdraws a share', async () => {
    expect((await call(rep2, 'DELETE', `/api/v1/shares/${shareId}`)).statusCode).toBe(204);
    expect((await call(rep2, 'GET', `/api/v1/test-widgets/${w1}`)).statusCode).toBe(404);
    expect((await call(rep1, 'DELETE', `/api/v1/shares/${shareId}`)).statusCode).toBe(404);
  });
});
