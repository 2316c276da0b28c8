import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type SignedIn } from '@voyage/testing';
import { createWorld, type World } from './helpers';

let w: World;
let rep: SignedIn;
let rep2: SignedIn;
let viewer: SignedIn;
const inject = (who: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
const views = async (who: SignedIn, object = 'contact') => {
  const res = await inject(who, 'GET', `/api/v1/list-views?object=${object}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as Array<{ id: string; name: string; shared: boolean; editable: boolean; ownerName: string | null; version: number; position: number; state: Record<string, unknown> }>;
};
const save = async (who: SignedIn, body: Record<string, unknown>) => {
  const res = await inject(who, 'POST', '/api/v1/list-views', { object: 'contact', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; name: string; shared: boolean; state: Record<string, unknown>; editable: boolean };
};

beforeAll(async () => {
  w = await createWorld();
  rep = await w.member('rep', 'Rep One');
  rep2 = await w.member('rep', 'Rep Two');
  viewer = await w.member('viewer', 'Viewer');
  const field = await inject(w.admin, 'POST', '/api/v1/custom-fields', { object: 'contact', key: 'budget', label: 'Budget', type: 'number' });
  expect(field.statusCode, field.body).toBe(201);
});
afterAll(() => w.t.close());

describe('saved list views', () => {
  it('saves filters, sort and columns, and the saved filters reproduce the same list', async () => {
    for (const [name, stage, budget] of [['View Alpha', 'lead', 500], ['View Beta', 'customer', 5000], ['View Gamma', 'lead', 9000]] as const) {
      const res = await inject(rep, 'POST', '/api/v1/contacts', { name, lifecycleStage: stage, custom: { budget } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const state = {
      filters: [{ field: 'lifecycleStage', op: 'eq', value: 'lead' }, { field: 'custom.budget', op: 'gt', value: 1000 }, { field: 'ownerId', op: 'eq', value: 'me' }],
      sort: '-custom.budget', columns: ['email', 'custom.budget', 'email', 'lifecycleStage'], q: ' View ',
    };
    const view = await save(rep, { name: 'Big leads', state });
    expect(view).toMatchObject({ name: 'Big leads', shared: false, editable: true, version: 1 });
    expect(view.state).toEqual({ ...state, columns: ['email', 'custom.budget', 'lifecycleStage'], q: 'View' });
    const mine = await views(rep);
    expect(mine.map((v) => v.name)).toEqual(['Big leads']);
    expect(mine[0]).toMatchObject({ ownerName: 'Rep One', position: 0 });

    // The list page turns the state into list filters; "me" is the person using the view.
    const list = await inject(rep, 'GET', `/api/v1/contacts?filter[lifecycleStage][eq]=lead&filter[custom.budget][gt]=1000&filter[ownerId][eq]=${rep.userId}&filter[name][contains]=View&sort=-custom.budget`);
    expect(list.json().data.map((r: { name: string }) => r.name)).toEqual(['View Gamma']);

    const audit = await w.t.database.query(`select action, summary from audit_log where workspace_id = $1 and object = 'list_view' and record_id = $2`, [w.workspaceId, view.id]);
    expect(audit).toEqual([{ action: 'create', summary: 'Big leads' }]);
  });

  it('names the field of a bad filter, sort or column', async () => {
    const bad = await inject(rep, 'POST', '/api/v1/list-views', {
      object: 'contact', name: 'Broken',
      state: { filters: [{ field: 'nope', op: 'eq', value: 'x' }, { field: 'tags', op: 'gt', value: 'x' }, { field: 'createdAt', op: 'gt', value: 'yesterday' }], sort: 'tags', columns: ['custom.missing'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['state.filters.0.field', 'state.filters.1.op', 'state.filters.2.value', 'state.sort', 'state.columns.0']);
    const noName = await inject(rep, 'POST', '/api/v1/list-views', { object: 'contact', name: '  ', state: { filters: [] } });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.details.fields[0].field).toBe('name');
    const dup = await inject(rep, 'POST', '/api/v1/list-views', { object: 'contact', name: 'big LEADS', state: { filters: [] } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.fields[0].field).toBe('name');
    const zh = await inject({ headers: { ...rep.headers, 'accept-language': 'zh-CN' } }, 'POST', '/api/v1/list-views', { object: 'contact', name: 'Big leads', state: { filters: [] } });
    expect(zh.json().error.message).toBe('您已有名为“Big leads”的视图。');
  });

  it('keeps personal views private and shows shared views to everyone, editable only by the owner', async () => {
    const personal = await save(rep2, { name: 'My private list', state: { filters: [] } });
    const shared = await save(rep2, { name: 'Team: customers', shared: true, state: { filters: [{ field: 'lifecycleStage', op: 'in', value: ['customer', 'advocate'] }] } });
    expect((await views(rep2)).map((v) => [v.name, v.editable])).toEqual([['My private list', true], ['Team: customers', true]]);
    const seenByRep = await views(rep);
    expect(seenByRep.map((v) => [v.name, v.shared, v.editable, v.ownerName])).toEqual([['Big leads', false, true, 'Rep One'], ['Team: customers', true, false, 'Rep Two']]);
    expect((await views(viewer)).map((v) => v.name)).toEqual(['Team: customers']);
    expect((await views(rep2, 'account')).map((v) => v.name)).toEqual([]);

    expect((await inject(rep, 'PATCH', `/api/v1/list-views/${personal.id}`, { version: 1, name: 'Taken' })).statusCode).toBe(404);
    expect((await inject(rep, 'DELETE', `/api/v1/list-views/${personal.id}`)).statusCode).toBe(404);
    const notOwner = await inject(rep, 'PATCH', `/api/v1/list-views/${shared.id}`, { version: 1, name: 'Hijacked' });
    expect(notOwner.statusCode).toBe(403);
    expect(notOwner.json().error.code).toBe('customers.view_readonly');
    expect((await inject(w.admin, 'DELETE', `/api/v1/list-views/${shared.id}`)).statusCode).toBe(403);
    expect((await views(w.admin)).map((v) => v.name)).toEqual(['Team: customers']);
  });

  it('renames, re-shares and saves new state with a version check', async () => {
    const view = await save(rep, { name: 'Working set', state: { filters: [], columns: ['email'] } });
    const renamed = await inject(rep, 'PATCH', `/api/v1/list-views/${view.id}`, { version: 1, name: 'Working set 2', shared: true, state: { filters: [{ field: 'tags', op: 'in', value: ['vip'] }], sort: 'name' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Working set 2', shared: true, version: 2, state: { filters: [{ field: 'tags', op: 'in', value: ['vip'] }], sort: 'name' } });
    const stale = await inject(rep, 'PATCH', `/api/v1/list-views/${view.id}`, { version: 1, name: 'Lost update' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details).toMatchObject({ field: 'version', currentVersion: 2 });
    expect((await views(rep2)).map((v) => v.name)).toContain('Working set 2');

    const moved = await inject(rep, 'PATCH', `/api/v1/list-views/${view.id}`, { version: 2, position: 0 });
    expect(moved.statusCode).toBe(200);
    const first = await inject(rep, 'PATCH', `/api/v1/list-views/${(await views(rep)).find((v) => v.name === 'Big leads')!.id}`, { version: 1, position: 5 });
    expect(first.statusCode).toBe(200);
    expect((await views(rep)).map((v) => v.name)).toEqual(['Working set 2', 'Big leads', 'Team: customers']);

    expect((await inject(rep, 'DELETE', `/api/v1/list-views/${view.id}`)).statusCode).toBe(204);
    expect((await views(rep2)).map((v) => v.name)).not.toContain('Working set 2');
    expect((await inject(rep, 'PATCH', `/api/v1/list-views/${view.id}`, { version: 3, name: 'Gone' })).statusCode).toBe(404);
  });

  it('refuses sharing to users without the update right, and lists to users who cannot read the object', async () => {
    const shared = await inject(viewer, 'POST', '/api/v1/list-views', { object: 'contact', name: 'Viewer share', shared: true, state: { filters: [] } });
    expect(shared.statusCode).toBe(403);
    expect(shared.json().error.code).toBe('customers.view_share_forbidden');
    const personal = await save(viewer, { name: 'Viewer own', state: { filters: [] } });
    const share = await inject(viewer, 'PATCH', `/api/v1/list-views/${personal.id}`, { version: 1, shared: true });
    expect(share.statusCode).toBe(403);
    expect((await views(rep)).map((v) => v.name)).not.toContain('Viewer own');

    // A role without any right on accounts cannot see or save account views.
    const role = await inject(w.admin, 'POST', '/api/v1/roles', { name: 'Contacts only', dataScope: 'own', permissions: { contact: { read: true } }, capabilities: [] });
    expect(role.statusCode, role.body).toBe(201);
    const limited = await w.as(await addMember(w.t.database, w.workspaceId, role.json().id, { name: 'Limited' }));
    expect((await inject(limited, 'GET', '/api/v1/list-views?object=account')).statusCode).toBe(403);
    expect((await inject(limited, 'POST', '/api/v1/list-views', { object: 'account', name: 'No', state: { filters: [] } })).statusCode).toBe(403);
    expect((await inject(limited, 'GET', '/api/v1/list-views?object=contact')).statusCode).toBe(200);
  });

  it('refuses filters on fields hidden from the user', async () => {
    await w.t.database.query(`update roles set field_rules = $1 where workspace_id = $2 and id = $3`, [JSON.stringify({ contact: { email: 'hidden' } }), w.workspaceId, w.roleIds.manager]);
    const manager = await w.member('manager', 'Manager');
    const res = await inject(manager, 'POST', '/api/v1/list-views', { object: 'contact', name: 'By email', state: { filters: [{ field: 'email', op: 'contains', value: '@' }], sort: 'email' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['state.filters.0.field', 'state.sort']);
  });
});
