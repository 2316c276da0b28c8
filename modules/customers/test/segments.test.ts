import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from './helpers';
import type { SignedIn } from '@voyage/testing';

let w: World;
let rep: SignedIn;
const ids: string[] = [];
const inject = (who: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const preview = async (who: SignedIn, rules: unknown) => {
  const res = await inject(who, 'POST', '/api/v1/segments/preview', { object: 'contact', rules });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { count: number; sample: Array<{ name: string }> };
  return { count: body.count, names: body.sample.map((r) => r.name).sort() };
};

beforeAll(async () => {
  w = await createWorld();
  rep = await w.member('rep', 'Rep');
  for (const payload of [
    { object: 'contact', key: 'score', label: 'Score', type: 'number' },
    { object: 'contact', key: 'renewal', label: 'Renewal', type: 'date' },
  ]) expect((await inject(w.admin, 'POST', '/api/v1/custom-fields', payload)).statusCode).toBe(201);
  const rows = [
    { stage: 'lead', tags: ['vip', 'hot'], owner: w.admin.userId },
    { stage: 'lead', tags: ['vip'], owner: rep.userId },
    { stage: 'customer', tags: ['hot'], owner: w.admin.userId },
    { stage: 'customer', tags: [], owner: rep.userId },
    { stage: 'churned', tags: ['vip', 'cold'], owner: w.admin.userId },
    { stage: null, tags: ['cold'], owner: rep.userId },
  ];
  for (const [i, r] of rows.entries()) {
    const res = await inject(w.admin, 'POST', '/api/v1/contacts', { name: `C${i}`, email: `c${i}@example.com`, lifecycleStage: r.stage, tags: r.tags, ownerId: r.owner, custom: { score: (i + 1) * 10, renewal: daysAgo(i * 10) } });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
  }
});
afterAll(() => w.t.close());

const nested = {
  op: 'and',
  rules: [
    { field: 'lifecycleStage', operator: 'in', value: ['lead', 'customer'] },
    { op: 'or', rules: [{ field: 'tags', operator: 'has_any', value: ['vip'] }, { field: 'custom.score', operator: 'gte', value: 40 }] },
  ],
};

describe('segment rules', () => {
  it('counts nested AND/OR groups as computed by hand', async () => {
    expect(await preview(w.admin, nested)).toEqual({ count: 3, names: ['C0', 'C1', 'C3'] });
    expect(await preview(w.admin, { op: 'or', rules: [{ field: 'lifecycleStage', operator: 'is_empty' }, { op: 'and', rules: [{ field: 'name', operator: 'eq', value: 'C4' }, { field: 'tags', operator: 'has_any', value: ['cold'] }] }] }))
      .toEqual({ count: 2, names: ['C4', 'C5'] });
    expect((await preview(w.admin, { op: 'and', rules: [] })).count).toBe(6);
  });

  it('filters on custom fields, tags and relative dates', async () => {
    expect((await preview(w.admin, { op: 'and', rules: [{ field: 'custom.score', operator: 'gt', value: 25 }, { field: 'custom.score', operator: 'lte', value: '50' }] })).names).toEqual(['C2', 'C3', 'C4']);
    expect((await preview(w.admin, { op: 'and', rules: [{ field: 'tags', operator: 'has_all', value: ['vip', 'hot'] }] })).names).toEqual(['C0']);
    expect((await preview(w.admin, { op: 'and', rules: [{ field: 'tags', operator: 'has_none', value: ['vip'] }] })).names).toEqual(['C2', 'C3', 'C5']);
    expect((await preview(w.admin, { op: 'and', rules: [{ field: 'custom.renewal', operator: 'within_last_days', value: 25 }] })).names).toEqual(['C0', 'C1', 'C2']);
    expect((await preview(w.admin, { op: 'and', rules: [{ field: 'custom.renewal', operator: 'more_than_days_ago', value: 35 }] })).names).toEqual(['C4', 'C5']);
    await w.t.database.query(`update contacts set updated_at = now() - interval '90 days' where workspace_id = $1 and name in ('C1', 'C2')`, [w.workspaceId]);
    expect((await preview(w.admin, { op: 'and', rules: [{ field: 'updatedAt', operator: 'more_than_days_ago', value: 30 }] })).names).toEqual(['C1', 'C2']);
  });

  it('filters on follow-up behaviour: last follow-up time and number of follow-ups', async () => {
    for (const [name, days, n] of [['C0', 2, 5], ['C1', 20, 1], ['C2', 60, 1]] as const) {
      await w.t.database.query(`update contacts set last_follow_up_at = now() - make_interval(days => $3), follow_up_count = $4 where workspace_id = $1 and name = $2`, [w.workspaceId, name, days, n]);
    }
    expect((await preview(w.admin, { op: 'and', rules: [{ field: 'lastFollowUpAt', operator: 'within_last_days', value: 7 }] })).names).toEqual(['C0']);
    expect((await preview(w.admin, { op: 'or', rules: [{ field: 'lastFollowUpAt', operator: 'is_empty' }, { field: 'lastFollowUpAt', operator: 'more_than_days_ago', value: 30 }] })).names).toEqual(['C2', 'C3', 'C4', 'C5']);
    expect((await preview(w.admin, { op: 'and', rules: [{ field: 'followUpCount', operator: 'gte', value: 1 }, { field: 'followUpCount', operator: 'lt', value: 5 }] })).names).toEqual(['C1', 'C2']);
  });

  it('names the path of a bad rule', async () => {
    const res = await inject(w.admin, 'POST', '/api/v1/segments/preview', { object: 'contact', rules: { op: 'and', rules: [
      { field: 'name', operator: 'contains', value: 'C' },
      { op: 'or', rules: [{ field: 'nope', operator: 'eq', value: 'x' }, { field: 'custom.score', operator: 'has_any', value: ['1'] }, { field: 'custom.score', operator: 'gt', value: 'abc' }] },
    ] } });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().error.details.fields as Array<{ field: string; message: string }>);
    expect(fields.map((f) => f.field)).toEqual(['rules.1.rules.0.field', 'rules.1.rules.1.operator', 'rules.1.rules.2.value']);
    expect(fields[0].message).toContain('nope');
    const saved = await inject(w.admin, 'POST', '/api/v1/segments', { name: 'Bad', object: 'contact', kind: 'dynamic', rules: { op: 'and', rules: [{ field: 'ghost', operator: 'eq', value: 'x' }] } });
    expect(saved.statusCode).toBe(400);
    expect(saved.json().error.details.fields[0].field).toBe('rules.0.field');
    expect((await inject(w.admin, 'POST', '/api/v1/segments/preview', { object: 'contact', rules: { op: 'xor', rules: [] } })).statusCode).toBe(400);
  });

  it('keeps a rep to their own records in preview and members, and "me" means the viewer', async () => {
    expect(await preview(rep, nested)).toEqual({ count: 2, names: ['C1', 'C3'] });
    expect((await preview(rep, { op: 'and', rules: [{ field: 'ownerId', operator: 'eq', value: 'me' }] })).names).toEqual(['C1', 'C3', 'C5']);
    expect((await preview(w.admin, { op: 'and', rules: [{ field: 'ownerId', operator: 'eq', value: 'me' }] })).names).toEqual(['C0', 'C2', 'C4']);
    const seg = await inject(w.admin, 'POST', '/api/v1/segments', { name: 'Warm leads', object: 'contact', kind: 'dynamic', rules: nested, shared: true });
    expect(seg.statusCode, seg.body).toBe(201);
    const id = seg.json().id;
    const repMembers = (await inject(rep, 'GET', `/api/v1/segments/${id}/members`)).json();
    expect(repMembers.data.map((r: { name: string }) => r.name)).toEqual(['C1', 'C3']);
    const listed = (await inject(rep, 'GET', '/api/v1/segments')).json().data.find((s: { id: string }) => s.id === id);
    expect(listed.count).toBe(2);
    expect((await inject(w.admin, 'GET', '/api/v1/segments')).json().data.find((s: { id: string }) => s.id === id).count).toBe(3);
    // A shared segment is usable by everyone but only its owner or an admin may change it.
    expect((await inject(rep, 'PATCH', `/api/v1/segments/${id}`, { version: 1, name: 'Mine' })).statusCode).toBe(403);
    expect((await inject(rep, 'DELETE', `/api/v1/segments/${id}`)).statusCode).toBe(403);
    const priv = (await inject(w.admin, 'POST', '/api/v1/segments', { name: 'Private', object: 'contact', kind: 'dynamic', rules: nested })).json();
    expect((await inject(rep, 'GET', `/api/v1/segments/${priv.id}/members`)).statusCode).toBe(404);
  });

  it('pages members with a keyset cursor', async () => {
    const id = (await inject(w.admin, 'POST', '/api/v1/segments', { name: 'Paged', object: 'contact', kind: 'dynamic', rules: nested })).json().id;
    const first = (await inject(w.admin, 'GET', `/api/v1/segments/${id}/members?limit=2`)).json();
    expect(first.data.map((r: { name: string }) => r.name)).toEqual(['C0', 'C1']);
    const second = (await inject(w.admin, 'GET', `/api/v1/segments/${id}/members?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.data.map((r: { name: string }) => r.name)).toEqual(['C3']);
    expect(second.nextCursor).toBeNull();
    const renamed = await inject(w.admin, 'PATCH', `/api/v1/segments/${id}`, { version: 1, rules: { op: 'and', rules: [{ field: 'name', operator: 'eq', value: 'C5' }] } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await inject(w.admin, 'GET', `/api/v1/segments/${id}/members`)).json().data.map((r: { name: string }) => r.name)).toEqual(['C5']);
    expect((await inject(w.admin, 'PATCH', `/api/v1/segments/${id}`, { version: 1, name: 'Stale' })).statusCode).toBe(409);
  });

  it('refuses filtering on a masked or hidden field', async () => {
    await w.t.database.query(`update roles set field_rules = $1 where workspace_id = $2 and id = $3`, [JSON.stringify({ contact: { email: 'masked', 'custom.score': 'hidden' } }), w.workspaceId, w.roleIds.viewer]);
    const masked = await w.member('viewer', 'Masked viewer');
    for (const field of ['email', 'custom.score']) {
      const res = await inject(masked, 'POST', '/api/v1/segments/preview', { object: 'contact', rules: { op: 'and', rules: [{ field, operator: 'is_not_empty' }] } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields[0]).toMatchObject({ field: 'rules.0.field', code: 'not_allowed' });
    }
    const allowed = await inject(masked, 'POST', '/api/v1/segments/preview', { object: 'contact', rules: { op: 'and', rules: [{ field: 'name', operator: 'starts_with', value: 'C' }] } });
    expect(allowed.json().sample[0]).toHaveProperty('email', expect.stringContaining('*'));
  });
});

describe('static lists', () => {
  it('adds, snapshots and removes members, skipping records outside the scope', async () => {
    const list = (await inject(rep, 'POST', '/api/v1/segments', { name: 'Call list', object: 'contact', kind: 'static' })).json();
    expect(list).toMatchObject({ kind: 'static', rules: null, ownerId: rep.userId });
    const added = await inject(rep, 'POST', `/api/v1/segments/${list.id}/members`, { ids: [ids[1], ids[3], ids[0]] });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toEqual({ added: 2, removed: 0, skipped: [{ id: ids[0], reason: 'not_found' }], count: 2 });
    const again = (await inject(rep, 'POST', `/api/v1/segments/${list.id}/members`, { ids: [ids[1]] })).json();
    expect(again).toMatchObject({ added: 0, count: 2 });
    const removed = (await inject(rep, 'POST', `/api/v1/segments/${list.id}/members/remove`, { ids: [ids[1]] })).json();
    expect(removed).toMatchObject({ removed: 1, count: 1 });
    expect((await inject(rep, 'GET', `/api/v1/segments/${list.id}/members`)).json().data.map((r: { name: string }) => r.name)).toEqual(['C3']);

    const dynamic = (await inject(w.admin, 'POST', '/api/v1/segments', { name: 'VIP', object: 'contact', kind: 'dynamic', rules: { op: 'and', rules: [{ field: 'tags', operator: 'has_any', value: ['vip'] }] } })).json();
    const adminList = (await inject(w.admin, 'POST', '/api/v1/segments', { name: 'VIP snapshot', object: 'contact', kind: 'static', shared: true })).json();
    const snap = (await inject(w.admin, 'POST', `/api/v1/segments/${adminList.id}/members`, { fromSegmentId: dynamic.id })).json();
    expect(snap).toMatchObject({ added: 3, count: 3 });
    expect((await inject(w.admin, 'GET', '/api/v1/segments?object=contact')).json().data.find((s: { id: string }) => s.id === adminList.id).count).toBe(3);
    // The rep sees only their own member of the shared list, and may not change it.
    expect((await inject(rep, 'GET', `/api/v1/segments/${adminList.id}/members`)).json().data.map((r: { name: string }) => r.name)).toEqual(['C1']);
    expect((await inject(rep, 'POST', `/api/v1/segments/${adminList.id}/members`, { ids: [ids[3]] })).statusCode).toBe(403);
    // Dynamic segments have no member list to edit.
    expect((await inject(w.admin, 'POST', `/api/v1/segments/${dynamic.id}/members`, { ids: [ids[0]] })).statusCode).toBe(422);
    expect((await inject(w.admin, 'DELETE', `/api/v1/segments/${adminList.id}`)).statusCode).toBe(204);
    expect((await inject(w.admin, 'GET', `/api/v1/segments/${adminList.id}`)).statusCode).toBe(404);
  });
});
