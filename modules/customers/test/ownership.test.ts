import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from './helpers';
import type { SignedIn } from '@voyage/testing';

let w: World;
let reps: SignedIn[];
beforeAll(async () => {
  w = await createWorld();
  reps = [await w.member('rep', 'Rep A'), await w.member('rep', 'Rep B'), await w.member('rep', 'Rep C')];
});
afterAll(() => w.t.close());

const inject = (who: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
const transfers = (recordId: string) =>
  w.t.database.query<{ kind: string; from_owner_id: string | null; to_owner_id: string | null; reason: string | null }>(`select kind, from_owner_id, to_owner_id, reason from ownership_transfers where workspace_id = $1 and record_id = $2 order by at, id`, [w.workspaceId, recordId]);

describe('assignment rules', () => {
  it('round robin spreads new contacts evenly and logs each assignment', async () => {
    const rule = await inject(w.admin, 'POST', '/api/v1/customers/assignment-rules', { object: 'contact', name: 'Everyone', kind: 'round_robin', userIds: reps.map((r) => r.userId) });
    expect(rule.statusCode).toBe(201);
    const batch = await inject(w.admin, 'POST', '/api/v1/contacts/batch', { create: Array.from({ length: 6 }, (_, i) => ({ name: `RR ${i}` })) });
    expect(batch.statusCode).toBe(200);
    const owners = batch.json().created.map((c: { ownerId: string }) => c.ownerId);
    for (const rep of reps) expect(owners.filter((o: string) => o === rep.userId)).toHaveLength(2);
    expect(await transfers(batch.json().created[0].id)).toEqual([{ kind: 'rule', from_owner_id: null, to_owner_id: owners[0], reason: null }]);
    const explicit = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Mine', ownerId: w.admin.userId })).json();
    expect(explicit.ownerId).toBe(w.admin.userId);
    await inject(w.admin, 'DELETE', `/api/v1/customers/assignment-rules/${rule.json().id}`);
  });

  it('tries field match rules in order, on built-in and custom fields', async () => {
    const field = await inject(w.admin, 'POST', '/api/v1/custom-fields', { object: 'account', key: 'tier', type: 'text', label: 'Tier' });
    expect(field.statusCode).toBe(201);
    const east = (await inject(w.admin, 'POST', '/api/v1/customers/assignment-rules', { object: 'account', name: 'East', kind: 'field_match', conditions: [{ field: 'region', operator: 'eq', value: '华东' }], userIds: [reps[0].userId] })).json();
    const gold = (await inject(w.admin, 'POST', '/api/v1/customers/assignment-rules', { object: 'account', name: 'Gold', kind: 'field_match', conditions: [{ field: 'custom.tier', operator: 'eq', value: 'gold' }], userIds: [reps[1].userId] })).json();
    const rest = (await inject(w.admin, 'POST', '/api/v1/customers/assignment-rules', { object: 'account', name: 'Rest', kind: 'round_robin', userIds: [reps[2].userId] })).json();
    const create = async (body: object) => (await inject(w.admin, 'POST', '/api/v1/accounts', body)).json().ownerId;
    expect(await create({ name: 'E1', region: '华东', custom: { tier: 'gold' } })).toBe(reps[0].userId);
    expect(await create({ name: 'G1', region: '华北', custom: { tier: 'gold' } })).toBe(reps[1].userId);
    expect(await create({ name: 'R1', region: '华北' })).toBe(reps[2].userId);

    const order = await inject(w.admin, 'PUT', '/api/v1/customers/assignment-rules/order', { object: 'account', ids: [gold.id, east.id, rest.id] });
    expect(order.statusCode).toBe(200);
    expect(order.json().data.map((r: { name: string }) => r.name)).toEqual(['Gold', 'East', 'Rest']);
    expect(await create({ name: 'E2', region: '华东', custom: { tier: 'gold' } })).toBe(reps[1].userId);

    const off = await inject(w.admin, 'PATCH', `/api/v1/customers/assignment-rules/${gold.id}`, { version: gold.version, active: false });
    expect(off.statusCode).toBe(200);
    expect(await create({ name: 'E3', region: '华东', custom: { tier: 'gold' } })).toBe(reps[0].userId);
    expect((await inject(w.admin, 'PATCH', `/api/v1/customers/assignment-rules/${gold.id}`, { version: gold.version, active: true })).statusCode).toBe(409);
  });

  it('refuses bad conditions naming them, unknown users, and users without the capability', async () => {
    const bad = await inject(w.admin, 'POST', '/api/v1/customers/assignment-rules', { object: 'contact', name: 'Bad', kind: 'field_match', conditions: [{ field: 'nope', operator: 'eq', value: 'x' }], userIds: [reps[0].userId] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('conditions.0');
    const stranger = await inject(w.admin, 'POST', '/api/v1/customers/assignment-rules', { object: 'contact', name: 'Ghost', kind: 'round_robin', userIds: ['0190a0a0-0000-7000-8000-000000000000'] });
    expect(stranger.statusCode).toBe(422);
    const denied = await inject(reps[0], 'POST', '/api/v1/customers/assignment-rules', { object: 'contact', name: 'Mine', kind: 'round_robin', userIds: [reps[0].userId] });
    expect(denied.statusCode).toBe(403);
    expect((await inject(reps[0], 'GET', '/api/v1/customers/assignment-rules')).statusCode).toBe(403);
  });
});

describe('ownership transfers', () => {
  it('logs manual reassignment (action and edit) and shows the history', async () => {
    const c = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: '赵敏', ownerId: w.admin.userId })).json();
    const moved = await inject(w.admin, 'POST', `/api/v1/contacts/${c.id}/assign`, { ownerId: reps[0].userId, reason: '区域调整' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ ownerId: reps[0].userId, ownerName: 'Rep A' });
    const edited = await inject(w.admin, 'PATCH', `/api/v1/contacts/${c.id}`, { version: 2, ownerId: reps[1].userId });
    expect(edited.statusCode).toBe(200);
    const history = (await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}/ownership-history`)).json().data;
    expect(history.map((h: { kind: string; toOwnerName: string }) => [h.kind, h.toOwnerName])).toEqual([['manual', 'Rep B'], ['manual', 'Rep A']]);
    expect(history[1]).toMatchObject({ reason: '区域调整', fromOwnerId: w.admin.userId, actorUserId: w.admin.userId });
    const audit = await w.t.database.query<{ n: number }>(`select count(*)::int as n from audit_log where workspace_id = $1 and record_id = $2 and action = 'update'`, [w.workspaceId, c.id]);
    expect(audit[0].n).toBe(2);
  });

  it('does not let a rep reassign or release someone else\'s record', async () => {
    const c = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Admin owned', ownerId: w.admin.userId })).json();
    expect((await inject(reps[0], 'POST', `/api/v1/contacts/${c.id}/assign`, { ownerId: reps[0].userId })).statusCode).toBe(404);
    expect((await inject(reps[0], 'POST', `/api/v1/contacts/${c.id}/release`, { reason: 'mine now' })).statusCode).toBe(404);
    expect((await inject(reps[0], 'GET', `/api/v1/contacts/${c.id}/ownership-history`)).statusCode).toBe(404);
    const viewer = await w.member('viewer', 'Viewer');
    expect((await inject(viewer, 'POST', `/api/v1/contacts/${c.id}/assign`, { ownerId: reps[0].userId })).statusCode).toBe(403);
    expect(await transfers(c.id)).toEqual([]);
  });

  it('bulk assign moves records in scope and reports the others as skipped', async () => {
    const mine = [];
    for (const name of ['B1', 'B2']) mine.push((await inject(reps[0], 'POST', '/api/v1/contacts', { name, ownerId: reps[0].userId })).json().id);
    const foreign = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'B3', ownerId: w.admin.userId })).json().id;
    const res = await inject(reps[0], 'POST', '/api/v1/contacts/bulk/assign', { ids: [...mine, foreign], ownerId: reps[1].userId });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ assigned: mine, skipped: [{ id: foreign, reason: 'not_found' }] });
    expect((await transfers(mine[0]))[0]).toMatchObject({ kind: 'bulk', from_owner_id: reps[0].userId, to_owner_id: reps[1].userId });
    expect(await transfers(foreign)).toEqual([]);
    const badOwner = await inject(w.admin, 'POST', '/api/v1/contacts/bulk/assign', { ids: mine, ownerId: '0190a0a0-0000-7000-8000-000000000000' });
    expect(badOwner.statusCode).toBe(422);
    expect((await inject(w.admin, 'POST', '/api/v1/contacts/bulk/assign', { ids: [], ownerId: reps[0].userId })).statusCode).toBe(400);
  });

  it('release needs a reason and logs it', async () => {
    const c = (await inject(reps[2], 'POST', '/api/v1/contacts', { name: 'Let go', ownerId: reps[2].userId })).json();
    expect((await inject(reps[2], 'POST', `/api/v1/contacts/${c.id}/release`, {})).statusCode).toBe(400);
    expect((await inject(reps[2], 'POST', `/api/v1/contacts/${c.id}/release`, { reason: '客户无需求' })).statusCode).toBe(204);
    expect((await transfers(c.id))).toEqual([{ kind: 'release', from_owner_id: reps[2].userId, to_owner_id: null, reason: '客户无需求' }]);
    const status = (await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}/ownership`)).json();
    expect(status).toMatchObject({ ownerId: null, poolStatus: 'pool', previousOwnerId: reps[2].userId });
  });
});
