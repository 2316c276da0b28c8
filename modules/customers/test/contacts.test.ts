import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceWithAdmin, createWorld, signIn, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const inject = (who: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, extra: Record<string, string> = {}) =>
  w.t.app.inject({ method, url, headers: { ...who.headers, ...extra }, payload: payload as never });

describe('contacts', () => {
  it('creates, reads, updates with a version, and refuses a stale version', async () => {
    const created = await inject(w.admin, 'POST', '/api/v1/contacts', { name: '张伟', email: 'zhang@example.com', phone: '13812345678', tags: ['vip'] });
    expect(created.statusCode).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({ name: '张伟', email: 'zhang@example.com', ownerId: w.admin.userId, version: 1, accountId: null, tags: ['vip'], custom: {} });

    const got = await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().name).toBe('张伟');

    const patched = await inject(w.admin, 'PATCH', `/api/v1/contacts/${c.id}`, { version: 1, title: 'CTO' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'CTO', version: 2 });

    const stale = await inject(w.admin, 'PATCH', `/api/v1/contacts/${c.id}`, { version: 1, title: 'CEO' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');

    const audit = await w.t.database.query<{ action: string; old_values: unknown; new_values: unknown }>(`select action, old_values, new_values from audit_log where workspace_id = $1 and object = 'contact' and record_id = $2 order by at`, [w.workspaceId, c.id]);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]).toMatchObject({ old_values: { title: null }, new_values: { title: 'CTO' } });
    const events = await w.t.database.query<{ event: string }>(`select event from outbox where workspace_id = $1 and payload->>'id' = $2 order by occurred_at`, [w.workspaceId, c.id]);
    expect(events.map((e) => e.event)).toEqual(['customers.contact.created', 'customers.contact.updated']);
  });
});

describe('contacts: trash, batch, scope and field security', () => {
  it('moves a contact to the trash and restores it', async () => {
    const c = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Trash me' })).json();
    expect((await inject(w.admin, 'DELETE', `/api/v1/contacts/${c.id}`)).statusCode).toBe(204);
    expect((await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}`)).statusCode).toBe(404);
    const live = (await inject(w.admin, 'GET', '/api/v1/contacts?limit=200')).json();
    expect(live.data.map((r: { id: string }) => r.id)).not.toContain(c.id);
    const trash = (await inject(w.admin, 'GET', '/api/v1/contacts?trash=true')).json();
    expect(trash.data.map((r: { id: string }) => r.id)).toContain(c.id);
    expect(trash.data.find((r: { id: string }) => r.id === c.id).deletedAt).toEqual(expect.any(String));

    const restored = await inject(w.admin, 'POST', `/api/v1/contacts/${c.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ id: c.id, deletedAt: null, version: 3 });
    expect((await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}`)).statusCode).toBe(200);
    expect((await inject(w.admin, 'POST', `/api/v1/contacts/${c.id}/restore`)).statusCode).toBe(404);
  });

  it('applies a batch all or nothing and names the failing row', async () => {
    const existing = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Batch target' })).json();
    const before = (await w.t.database.query<{ n: number }>(`select count(*)::int as n from contacts where workspace_id = $1`, [w.workspaceId]))[0].n;
    const bad = await inject(w.admin, 'POST', '/api/v1/contacts/batch', {
      create: [{ name: 'Ok 1' }, { name: 'Ok 2' }, { name: 'Ok 3' }, { name: 'Broken', email: 'not-an-email' }],
      update: [{ id: existing.id, version: 1, title: 'Changed' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ field: 'create.3.email' });
    const staleUpdate = await inject(w.admin, 'POST', '/api/v1/contacts/batch', { create: [{ name: 'Ok 1' }], update: [{ id: existing.id, version: 7, title: 'Changed' }] });
    expect(staleUpdate.statusCode).toBe(409);
    const after = (await w.t.database.query<{ n: number }>(`select count(*)::int as n from contacts where workspace_id = $1`, [w.workspaceId]))[0].n;
    expect(after).toBe(before);
    expect((await inject(w.admin, 'GET', `/api/v1/contacts/${existing.id}`)).json().title).toBeNull();

    const good = await inject(w.admin, 'POST', '/api/v1/contacts/batch', { create: [{ name: 'New 1' }, { name: 'New 2' }], update: [{ id: existing.id, version: 1, title: 'Changed' }] });
    expect(good.statusCode).toBe(200);
    expect(good.json().created.map((c: { name: string }) => c.name)).toEqual(['New 1', 'New 2']);
    expect(good.json().updated[0]).toMatchObject({ id: existing.id, title: 'Changed', version: 2 });
  });

  it('shows a rep with own scope only their contacts; others are 404', async () => {
    const rep = await w.member('rep', 'Rep One');
    const mine = await inject(rep, 'POST', '/api/v1/contacts', { name: 'Rep contact' });
    expect(mine.statusCode).toBe(201);
    expect(mine.json().ownerId).toBe(rep.userId);
    const adminOwned = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Admin contact' })).json();

    const list = (await inject(rep, 'GET', '/api/v1/contacts?limit=200')).json();
    expect(list.data.map((r: { name: string }) => r.name)).toEqual(['Rep contact']);
    expect((await inject(rep, 'GET', `/api/v1/contacts/${adminOwned.id}`)).statusCode).toBe(404);
    expect((await inject(rep, 'PATCH', `/api/v1/contacts/${adminOwned.id}`, { version: 1, name: 'Mine now' })).statusCode).toBe(404);
    // Reps have no delete right by default.
    expect((await inject(rep, 'DELETE', `/api/v1/contacts/${mine.json().id}`)).statusCode).toBe(403);
  });

  it('masks a phone for a role with a field rule and refuses writing it', async () => {
    const viewerRole = w.roleIds.viewer;
    await w.t.database.query(`update roles set field_rules = $1 where workspace_id = $2 and id = $3`, [JSON.stringify({ contact: { phone: 'masked', email: 'hidden' } }), w.workspaceId, viewerRole]);
    const viewer = await w.member('viewer', 'Viewer');
    const c = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Masked', phone: '13812345678', email: 'm@example.com' })).json();
    const seen = (await inject(viewer, 'GET', `/api/v1/contacts/${c.id}`)).json();
    expect(seen.phone).toBe('138****5678');
    expect(seen).not.toHaveProperty('email');
    const listed = (await inject(viewer, 'GET', '/api/v1/contacts?filter[name][eq]=Masked')).json();
    expect(listed.data[0].phone).toBe('138****5678');
    expect((await inject(viewer, 'GET', '/api/v1/contacts?filter[phone][starts_with]=138')).statusCode).toBe(400);
    // The viewer role cannot update contacts at all; an editing role with a read-only rule is refused per field.
    await w.t.database.query(`update roles set field_rules = $1 where workspace_id = $2 and id = $3`, [JSON.stringify({ contact: { phone: 'readonly' } }), w.workspaceId, w.roleIds.manager]);
    const manager = await w.member('manager', 'Manager');
    const own = (await inject(manager, 'POST', '/api/v1/contacts', { name: 'Managed' })).json();
    const refused = await inject(manager, 'PATCH', `/api/v1/contacts/${own.id}`, { version: 1, phone: '13900000000' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details.fields[0].field).toBe('phone');
  });

  it('answers 404 for a record of another workspace', async () => {
    const other = await createWorkspaceWithAdmin(w.t.database, { objects: ['account', 'contact'] });
    const otherAdmin = await signIn(w.t, other.adminUserId, other.workspaceId);
    const foreign = (await inject(otherAdmin, 'POST', '/api/v1/contacts', { name: 'Foreign' })).json();
    expect((await inject(w.admin, 'GET', `/api/v1/contacts/${foreign.id}`)).statusCode).toBe(404);
    expect((await inject(w.admin, 'PATCH', `/api/v1/contacts/${foreign.id}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    expect((await inject(w.admin, 'DELETE', `/api/v1/contacts/${foreign.id}`)).statusCode).toBe(404);
    const link = await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Linked', accountId: (await inject(otherAdmin, 'POST', '/api/v1/accounts', { name: 'Other Co' })).json().id });
    expect(link.statusCode).toBe(400);
    expect(link.json().error.details.fields[0]).toMatchObject({ field: 'accountId', code: 'not_found' });
  });

  it('rejects malformed input with 400 naming the field', async () => {
    const malformed = await w.t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { ...w.admin.headers, 'content-type': 'application/json' }, payload: '{"name": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details.fields[0].field).toBe('body');
    // Field names of body errors come from the platform error handler (see the report: its zod issue
    // mapping loses the issue code, so only the status and the field path are asserted here).
    const unknown = await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'X', favouriteColour: 'blue' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('validation_failed');
    const long = await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'x'.repeat(201) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details.fields[0].field).toBe('name');
    const missing = await inject(w.admin, 'POST', '/api/v1/contacts', { email: 'a@example.com' });
    expect(missing.json().error.details.fields[0].field).toBe('name');
    const badEmail = await inject(w.admin, 'POST', '/api/v1/contacts/batch', { create: [{ name: 'A' }, { name: 'B', email: 'nope' }] });
    expect(badEmail.json().error.details.fields[0].field).toBe('create.1.email');
    const badDate = await inject(w.admin, 'GET', '/api/v1/contacts?filter[createdAt][gt]=not-a-date');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.details.fields[0].field).toBe('filter[createdAt][gt]');
    const badOwner = await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'X', ownerId: '0190aaaa-0000-7000-8000-000000000000' });
    expect(badOwner.json().error.details.fields[0]).toMatchObject({ field: 'ownerId', code: 'not_member' });
    const badId = await inject(w.admin, 'GET', '/api/v1/contacts/not-a-uuid');
    expect(badId.statusCode).toBe(400);
  });
});
