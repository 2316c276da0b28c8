import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from './helpers';
import type { SignedIn } from '@voyage/testing';

let w: World;
let rep: SignedIn;
const inject = (who: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
const create = async (who: SignedIn, payload: Record<string, unknown>) => {
  const res = await inject(who, 'POST', '/api/v1/contacts', payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
};
const tagsOf = async (id: string) => (await inject(w.admin, 'GET', `/api/v1/contacts/${id}`)).json().tags as string[];

beforeAll(async () => {
  w = await createWorld();
  rep = await w.member('rep', 'Rep');
});
afterAll(() => w.t.close());

describe('tag catalogue', () => {
  it('lets any member create a tag, but only admins rename or delete', async () => {
    const created = await inject(rep, 'POST', '/api/v1/tags', { name: 'vip', color: 'red' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: 'vip', color: 'red', objectScope: 'all', version: 1 });
    const dup = await inject(w.admin, 'POST', '/api/v1/tags', { name: 'vip' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.fields[0].field).toBe('name');
    expect((await inject(rep, 'POST', '/api/v1/tags', { name: 'x', color: 'plaid' })).statusCode).toBe(400);
    expect((await inject(rep, 'PATCH', `/api/v1/tags/${created.json().id}`, { version: 1, name: 'VIP' })).statusCode).toBe(403);
    expect((await inject(rep, 'DELETE', `/api/v1/tags/${created.json().id}`)).statusCode).toBe(403);
    await inject(w.admin, 'POST', '/api/v1/tags', { name: 'accounts-only', objectScope: 'account' });
    const forContacts = (await inject(rep, 'GET', '/api/v1/tags?object=contact')).json().data.map((t: { name: string }) => t.name);
    expect(forContacts).toEqual(['vip']);
  });

  it('renames a tag on every record in one go, merging with an existing name', async () => {
    const tag = (await inject(w.admin, 'POST', '/api/v1/tags', { name: 'old-name' })).json();
    const a = await create(w.admin, { name: 'Renamed A', tags: ['x', 'old-name', 'y'] });
    const b = await create(w.admin, { name: 'Renamed B', tags: ['old-name', 'new-name'] });
    const account = (await inject(w.admin, 'POST', '/api/v1/accounts', { name: 'Renamed Co', tags: ['old-name'] })).json();
    const res = await inject(w.admin, 'PATCH', `/api/v1/tags/${tag.id}`, { version: 1, name: 'new-name', color: 'blue' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'new-name', color: 'blue', version: 2 });
    expect(await tagsOf(a.id)).toEqual(['x', 'new-name', 'y']);
    expect(await tagsOf(b.id)).toEqual(['new-name']);
    expect((await inject(w.admin, 'GET', `/api/v1/accounts/${account.id}`)).json().tags).toEqual(['new-name']);
    expect((await inject(w.admin, 'GET', `/api/v1/contacts/${a.id}`)).json().version).toBe(2);
    expect((await inject(w.admin, 'PATCH', `/api/v1/tags/${tag.id}`, { version: 1, name: 'again' })).statusCode).toBe(409);
    const audit = await w.t.database.query(`select new_values from audit_log where workspace_id = $1 and object = 'tag' and record_id = $2 and action = 'update'`, [w.workspaceId, tag.id]);
    expect((audit[0] as { new_values: { recordsChanged: number } }).new_values.recordsChanged).toBe(3);

    expect((await inject(w.admin, 'DELETE', `/api/v1/tags/${tag.id}`)).statusCode).toBe(204);
    expect(await tagsOf(a.id)).toEqual(['x', 'y']);
    expect((await inject(w.admin, 'GET', '/api/v1/tags')).json().data.map((t: { name: string }) => t.name)).not.toContain('new-name');
  });
});

describe('bulk tagging', () => {
  it('tags only records the user may change and reports the others', async () => {
    const mine = await create(w.admin, { name: 'Rep own', tags: ['keep', 'drop'], ownerId: rep.userId });
    const other = await create(w.admin, { name: 'Admin own', tags: [] });
    const shared = await create(w.admin, { name: 'Shared read', tags: [] });
    const share = await inject(w.admin, 'POST', '/api/v1/shares', { object: 'contact', recordId: shared.id, userId: rep.userId, access: 'read' });
    expect(share.statusCode, share.body).toBe(201);
    const res = await inject(rep, 'POST', '/api/v1/contacts/bulk/tags', { ids: [mine.id, other.id, shared.id], add: ['campaign-7'], remove: ['drop'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: [mine.id], unchanged: [], skipped: [{ id: other.id, reason: 'not_found' }, { id: shared.id, reason: 'read_only' }] });
    expect(await tagsOf(mine.id)).toEqual(['keep', 'campaign-7']);
    expect(await tagsOf(other.id)).toEqual([]);
    expect((await inject(rep, 'GET', '/api/v1/tags')).json().data.map((t: { name: string }) => t.name)).toContain('campaign-7');
    const audit = await w.t.database.query(`select old_values, new_values from audit_log where workspace_id = $1 and object = 'contact' and record_id = $2 and action = 'update'`, [w.workspaceId, mine.id]);
    expect(audit).toEqual([{ old_values: { tags: ['keep', 'drop'] }, new_values: { tags: ['keep', 'campaign-7'] } }]);
    const repeat = (await inject(rep, 'POST', '/api/v1/contacts/bulk/tags', { ids: [mine.id], add: ['campaign-7'] })).json();
    expect(repeat).toEqual({ updated: [], unchanged: [mine.id], skipped: [] });
    const filtered = (await inject(w.admin, 'GET', '/api/v1/contacts?filter[tags][contains]=campaign-7')).json();
    expect(filtered.data.map((r: { name: string }) => r.name)).toEqual(['Rep own']);
  });

  it('refuses roles without update rights or with read-only tags', async () => {
    const viewer = await w.member('viewer', 'Viewer');
    const c = await create(w.admin, { name: 'Viewer target' });
    expect((await inject(viewer, 'POST', '/api/v1/contacts/bulk/tags', { ids: [c.id], add: ['a'] })).statusCode).toBe(403);
    await w.t.database.query(`update roles set field_rules = $1 where workspace_id = $2 and id = $3`, [JSON.stringify({ account: { tags: 'readonly' } }), w.workspaceId, w.roleIds.manager]);
    const manager = await w.member('manager', 'Manager');
    const acc = (await inject(manager, 'POST', '/api/v1/accounts', { name: 'Managed Co' })).json();
    expect((await inject(manager, 'POST', '/api/v1/accounts/bulk/tags', { ids: [acc.id], add: ['a'] })).statusCode).toBe(403);
    expect((await inject(w.admin, 'POST', '/api/v1/accounts/bulk/tags', { ids: [acc.id], add: ['a'] })).json().updated).toEqual([acc.id]);
    expect((await inject(w.admin, 'POST', '/api/v1/contacts/bulk/tags', { ids: [], add: ['a'] })).statusCode).toBe(400);
  });
});
