import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type SignedIn } from '@voyage/testing';
import { createWorld, type World } from './helpers';

let w: World;
let rep: SignedIn;
let manager: SignedIn;
const inject = (who: { headers: Record<string, string> }, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
const create = async (who: SignedIn, plural: string, payload: Record<string, unknown>) => {
  const res = await inject(who, 'POST', `/api/v1/${plural}`, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
};
const get = async (plural: string, id: string) => (await inject(w.admin, 'GET', `/api/v1/${plural}/${id}`)).json() as { lifecycleStage: string | null; version: number };
const shareRead = async (id: string, userId: string) => {
  const res = await inject(w.admin, 'POST', '/api/v1/shares', { object: 'contact', recordId: id, userId, access: 'read' });
  expect(res.statusCode, res.body).toBe(201);
};

beforeAll(async () => {
  w = await createWorld();
  rep = await w.member('rep', 'Rep');
  manager = await w.member('manager', 'Manager');
});
afterAll(() => w.t.close());

describe('bulk change of lifecycle stage', () => {
  it('changes the records the user may edit, with history, audit and events, and reports the others', async () => {
    const mine = await create(w.admin, 'contacts', { name: 'Stage mine', ownerId: rep.userId, lifecycleStage: 'lead' });
    const already = await create(w.admin, 'contacts', { name: 'Stage already', ownerId: rep.userId, lifecycleStage: 'mql' });
    const others = await create(w.admin, 'contacts', { name: 'Stage others', lifecycleStage: 'lead' });
    const readOnly = await create(w.admin, 'contacts', { name: 'Stage read share', lifecycleStage: 'lead' });
    await shareRead(readOnly.id, rep.userId);

    const res = await inject(rep, 'POST', '/api/v1/contacts/bulk/stage', { ids: [mine.id, already.id, others.id, readOnly.id], stage: 'mql' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: [mine.id], unchanged: [already.id], skipped: [{ id: others.id, reason: 'not_found' }, { id: readOnly.id, reason: 'read_only' }] });
    expect(await get('contacts', mine.id)).toMatchObject({ lifecycleStage: 'mql', version: 2 });
    expect((await get('contacts', others.id)).lifecycleStage).toBe('lead');
    expect((await get('contacts', readOnly.id)).lifecycleStage).toBe('lead');

    const history = (await inject(rep, 'GET', `/api/v1/contacts/${mine.id}/lifecycle`)).json();
    expect(history.data.map((h: { fromStage: string | null; toStage: string }) => [h.fromStage, h.toStage])).toEqual([['lead', 'mql'], [null, 'lead']]);
    const audit = await w.t.database.query(`select old_values, new_values from audit_log where workspace_id = $1 and record_id = $2 and action = 'update'`, [w.workspaceId, mine.id]);
    expect(audit).toEqual([{ old_values: { lifecycleStage: 'lead' }, new_values: { lifecycleStage: 'mql' } }]);
    const events = await w.t.database.query(`select payload from outbox where workspace_id = $1 and event = 'customers.contact.updated' and payload->>'id' = $2`, [w.workspaceId, mine.id]);
    expect(events).toEqual([{ payload: expect.objectContaining({ changes: { lifecycleStage: 'mql' }, previous: { lifecycleStage: 'lead' } }) }]);
  });

  it('works on accounts and clears a stage with null', async () => {
    const acc = await create(w.admin, 'accounts', { name: 'Stage Co', lifecycleStage: 'customer' });
    const res = await inject(w.admin, 'POST', '/api/v1/accounts/bulk/stage', { ids: [acc.id], stage: null });
    expect(res.json()).toEqual({ updated: [acc.id], unchanged: [], skipped: [] });
    expect((await get('accounts', acc.id)).lifecycleStage).toBeNull();
  });

  it('refuses users without the update right, a read-only stage field and a bad stage', async () => {
    const viewer = await w.member('viewer', 'Viewer');
    const c = await create(w.admin, 'contacts', { name: 'Stage viewer target' });
    const refused = await inject(viewer, 'POST', '/api/v1/contacts/bulk/stage', { ids: [c.id], stage: 'lead' });
    expect(refused.statusCode).toBe(403);
    expect((await get('contacts', c.id)).lifecycleStage).toBeNull();
    const bad = await inject(w.admin, 'POST', '/api/v1/contacts/bulk/stage', { ids: [c.id], stage: 'promoted' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('stage');
    expect((await inject(w.admin, 'POST', '/api/v1/contacts/bulk/stage', { ids: [], stage: 'lead' })).statusCode).toBe(400);

    const role = await inject(w.admin, 'POST', '/api/v1/roles', { name: 'No stage edits', dataScope: 'all', permissions: { contact: { read: true, update: true } }, fieldRules: { contact: { lifecycleStage: 'readonly' } }, capabilities: [] });
    expect(role.statusCode, role.body).toBe(201);
    const limited = await w.as(await addMember(w.t.database, w.workspaceId, role.json().id, { name: 'Limited' }));
    expect((await inject(limited, 'POST', '/api/v1/contacts/bulk/stage', { ids: [c.id], stage: 'lead' })).statusCode).toBe(403);
  });
});

describe('bulk delete to trash and restore', () => {
  it('deletes what the user may delete, reports the rest, and restores from the trash', async () => {
    const own = await create(manager, 'contacts', { name: 'Delete own' });
    const own2 = await create(manager, 'contacts', { name: 'Delete own 2' });
    const outside = await create(w.admin, 'contacts', { name: 'Delete outside' });
    const readOnly = await create(w.admin, 'contacts', { name: 'Delete read share' });
    await shareRead(readOnly.id, manager.userId);

    const res = await inject(manager, 'POST', '/api/v1/contacts/bulk/delete', { ids: [own.id, outside.id, readOnly.id, own2.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ deleted: [own.id, own2.id], skipped: [{ id: outside.id, reason: 'not_found' }, { id: readOnly.id, reason: 'read_only' }] });
    expect((await inject(manager, 'GET', `/api/v1/contacts/${own.id}`)).statusCode).toBe(404);
    expect((await inject(w.admin, 'GET', `/api/v1/contacts/${outside.id}`)).statusCode).toBe(200);
    const trash = (await inject(manager, 'GET', '/api/v1/contacts?trash=true')).json();
    expect(trash.data.map((r: { name: string }) => r.name).sort()).toEqual(['Delete own', 'Delete own 2']);
    const audit = await w.t.database.query(`select record_id from audit_log where workspace_id = $1 and object = 'contact' and action = 'delete' order by record_id`, [w.workspaceId]);
    expect(audit.map((r) => (r as { record_id: string }).record_id)).toEqual([own.id, own2.id].sort());
    const events = await w.t.database.query(`select count(*)::int as n from outbox where workspace_id = $1 and event = 'customers.contact.deleted'`, [w.workspaceId]);
    expect(events).toEqual([{ n: 2 }]);

    const again = (await inject(manager, 'POST', '/api/v1/contacts/bulk/delete', { ids: [own.id] })).json();
    expect(again).toEqual({ deleted: [], skipped: [{ id: own.id, reason: 'not_found' }] });

    const restored = await inject(manager, 'POST', '/api/v1/contacts/bulk/restore', { ids: [own.id, own2.id, outside.id] });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toEqual({ restored: [own.id, own2.id], skipped: [{ id: outside.id, reason: 'not_found' }] });
    expect((await inject(manager, 'GET', `/api/v1/contacts/${own.id}`)).json().name).toBe('Delete own');
    expect((await inject(manager, 'GET', '/api/v1/contacts?trash=true')).json().data).toEqual([]);
  });

  it('refuses roles without the delete right; single delete and restore still work', async () => {
    const mine = await create(rep, 'contacts', { name: 'Rep cannot delete' });
    const refused = await inject(rep, 'POST', '/api/v1/contacts/bulk/delete', { ids: [mine.id] });
    expect(refused.statusCode).toBe(403);
    expect((await inject(rep, 'GET', `/api/v1/contacts/${mine.id}`)).statusCode).toBe(200);
    expect((await inject(rep, 'POST', '/api/v1/contacts/bulk/restore', { ids: [mine.id] })).statusCode).toBe(403);

    const acc = await create(w.admin, 'accounts', { name: 'Single delete Co' });
    expect((await w.t.app.inject({ method: 'DELETE', url: `/api/v1/accounts/${acc.id}`, headers: w.admin.headers })).statusCode).toBe(204);
    expect((await w.t.app.inject({ method: 'DELETE', url: `/api/v1/accounts/${acc.id}`, headers: w.admin.headers })).statusCode).toBe(404);
    expect((await inject(w.admin, 'POST', `/api/v1/accounts/${acc.id}/restore`)).json().name).toBe('Single delete Co');
    expect((await inject(w.admin, 'POST', `/api/v1/accounts/${acc.id}/restore`)).statusCode).toBe(404);
  });
});
