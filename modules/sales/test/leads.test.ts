import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '@voyage/testing';
import { createWorld, type World } from './helpers';

let w: World;
let rep: SignedIn;
let otherRep: SignedIn;
let viewer: SignedIn;
type Who = { headers: Record<string, string> };
type Lead = { id: string; version: number; status: string; ownerId: string | null; email: string | null; convertedAccountId: string | null; convertedContactId: string | null; convertedDealId: string | null } & Record<string, unknown>;
const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
const create = async (who: Who, body: Record<string, unknown>): Promise<Lead> => {
  const res = await inject(who, 'POST', '/api/v1/leads', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const names = (res: { json(): { data: Array<{ name: string }> } }) => res.json().data.map((l) => l.name).sort();

beforeAll(async () => {
  w = await createWorld();
  rep = await w.member('rep', 'Rep');
  otherRep = await w.member('rep', 'Other rep');
  viewer = await w.member('viewer', 'Viewer');
});
afterAll(() => w.t.close());

describe('leads', () => {
  it('creates a lead with normalized email and phone, edits it with a version check, trashes and restores it', async () => {
    const lead = await create(rep, { ownerId: rep.userId, name: '李雷', company: '上海云帆科技有限公司', email: ' LiLei@YunFan.CN ', mobile: '139 0013 9000', source: 'trade_show', channel: '2026 上海展', size: '11-50' });
    expect(lead).toMatchObject({ name: '李雷', email: 'lilei@yunfan.cn', mobile: '139 0013 9000', source: 'trade_show', status: 'new', ownerId: rep.userId, version: 1 });
    expect(lead).not.toHaveProperty('mobileE164');
    const bad = await inject(rep, 'POST', '/api/v1/leads', { name: 'X', phone: '12' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('phone');
    const edited = await inject(rep, 'PATCH', `/api/v1/leads/${lead.id}`, { version: 1, title: '采购经理', region: '上海' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ title: '采购经理', region: '上海', version: 2 });
    expect((await inject(rep, 'PATCH', `/api/v1/leads/${lead.id}`, { version: 1, title: 'stale' })).statusCode).toBe(409);
    // Reps may not delete (default role); a manager-like admin does, and restores.
    expect((await inject(rep, 'DELETE', `/api/v1/leads/${lead.id}`)).statusCode).toBe(403);
    expect((await inject(w.admin, 'DELETE', `/api/v1/leads/${lead.id}`)).statusCode).toBe(204);
    expect((await inject(rep, 'GET', `/api/v1/leads/${lead.id}`)).statusCode).toBe(404);
    expect(names(await inject(w.admin, 'GET', '/api/v1/leads?trash=true'))).toContain('李雷');
    expect((await inject(w.admin, 'POST', `/api/v1/leads/${lead.id}/restore`)).statusCode).toBe(204);
    expect((await inject(rep, 'GET', `/api/v1/leads/${lead.id}`)).json()).toMatchObject({ name: '李雷', deletedAt: null });
  });

  it('keeps reps to their own leads plus the pool, and refuses a read-only user', async () => {
    await create(otherRep, { name: 'Only mine', ownerId: otherRep.userId });
    const pooled = await create(w.admin, { name: 'In the pool', ownerId: null });
    const list = names(await inject(rep, 'GET', '/api/v1/leads?limit=200'));
    expect(list).not.toContain('Only mine');
    expect(list).toContain('In the pool');
    const mine = (await inject(otherRep, 'GET', '/api/v1/leads')).json().data as Lead[];
    const theirs = mine.find((l) => l.name === 'Only mine')!;
    expect((await inject(rep, 'GET', `/api/v1/leads/${theirs.id}`)).statusCode).toBe(404);
    expect((await inject(rep, 'PATCH', `/api/v1/leads/${theirs.id}`, { version: 1, title: 'x' })).statusCode).toBe(404);
    const refused = await inject(viewer, 'POST', '/api/v1/leads', { name: 'Viewer lead' });
    expect(refused.statusCode).toBe(403);
    expect(names(await inject(viewer, 'GET', '/api/v1/leads?limit=200'))).toContain('Only mine');
    expect((await inject(viewer, 'POST', `/api/v1/leads/${pooled.id}/claim`, { version: pooled.version })).statusCode).toBe(403);
  });

  it('lists the pool, lets a rep claim a lead once, and assigns it back to the pool', async () => {
    const lead = await create(w.admin, { name: '公海线索', ownerId: null, source: 'web_form' });
    const pool = (await inject(rep, 'GET', '/api/v1/leads?pool=true&filter[source][eq]=web_form')).json().data as Lead[];
    expect(pool.map((l) => l.name)).toEqual(['公海线索']);
    const claimed = await inject(rep, 'POST', `/api/v1/leads/${lead.id}/claim`, { version: lead.version });
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json()).toMatchObject({ ownerId: rep.userId });
    expect((await inject(otherRep, 'POST', `/api/v1/leads/${lead.id}/claim`, { version: claimed.json().version })).statusCode).toBe(404);
    expect(names(await inject(rep, 'GET', '/api/v1/leads?pool=true'))).not.toContain('公海线索');
    const back = await inject(w.admin, 'POST', `/api/v1/leads/${lead.id}/assign`, { version: claimed.json().version, ownerId: null });
    expect(back.json()).toMatchObject({ ownerId: null });
    const given = await inject(w.admin, 'POST', `/api/v1/leads/${lead.id}/assign`, { version: back.json().version, ownerId: otherRep.userId });
    expect(given.json()).toMatchObject({ ownerId: otherRep.userId });
  });

  it('qualifies, and disqualifies only with a reason (422 naming reason)', async () => {
    const lead = await create(rep, { name: 'Qualify me', ownerId: rep.userId });
    const noReason = await w.t.app.inject({ method: 'POST', url: `/api/v1/leads/${lead.id}/disqualify?lang=zh-CN`, headers: rep.headers, payload: { version: lead.version } });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.details.fields[0].field).toBe('reason');
    expect(noReason.json().error.message).toBe('判定线索无效需要填写原因');
    const dq = await inject(rep, 'POST', `/api/v1/leads/${lead.id}/disqualify`, { version: lead.version, reason: 'no_budget', note: '明年再说' });
    expect(dq.json()).toMatchObject({ status: 'disqualified', disqualifyReason: 'no_budget', disqualifyNote: '明年再说' });
    const convert = await inject(rep, 'POST', `/api/v1/leads/${lead.id}/convert`, { version: dq.json().version, account: { mode: 'none' }, contact: { mode: 'create' }, deal: { mode: 'none' } });
    expect(convert.statusCode).toBe(422);
    const reopened = await inject(rep, 'POST', `/api/v1/leads/${lead.id}/reopen`, { version: dq.json().version });
    const q = await inject(rep, 'POST', `/api/v1/leads/${lead.id}/qualify`, { version: reopened.json().version });
    expect(q.json()).toMatchObject({ status: 'qualified', disqualifyReason: null });
  });
});

describe('lead assignment rules', () => {
  it('gives new leads round robin over three members (1-1-1) and by a field match first', async () => {
    const a = await w.member('rep', 'A');
    const b = await w.member('rep', 'B');
    const c = await w.member('rep', 'C');
    expect((await inject(rep, 'GET', '/api/v1/lead-assignment-rules')).statusCode).toBe(403);
    const east = await inject(w.admin, 'POST', '/api/v1/lead-assignment-rules', { name: '华东', kind: 'field_match', field: 'region', value: '华东', userIds: [c.userId] });
    expect(east.statusCode, east.body).toBe(201);
    const noValue = await inject(w.admin, 'POST', '/api/v1/lead-assignment-rules', { name: 'bad', kind: 'field_match', field: 'industry', userIds: [c.userId] });
    expect(noValue.statusCode).toBe(400);
    expect(noValue.json().error.details.fields[0].field).toBe('value');
    const rr = await inject(w.admin, 'POST', '/api/v1/lead-assignment-rules', { name: 'Everyone', kind: 'round_robin', userIds: [a.userId, b.userId, c.userId] });
    expect(rr.statusCode).toBe(201);
    const created = await Promise.all([1, 2, 3].map((i) => create(w.admin, { name: `RR ${i}` })));
    const counts = [a, b, c].map((m) => created.filter((l) => l.ownerId === m.userId).length);
    expect(counts).toEqual([1, 1, 1]);
    const matched = await create(w.admin, { name: 'From Shanghai', region: '华东' });
    expect(matched.ownerId).toBe(c.userId);
    const pooled = await create(w.admin, { name: 'Explicit pool', ownerId: null });
    expect(pooled.ownerId).toBeNull();
    const rules = (await inject(w.admin, 'GET', '/api/v1/lead-assignment-rules')).json().data as Array<{ id: string; name: string }>;
    expect(rules.map((r) => r.name)).toEqual(['华东', 'Everyone']);
    for (const r of rules) expect((await inject(w.admin, 'DELETE', `/api/v1/lead-assignment-rules/${r.id}`)).statusCode).toBe(204);
    expect((await create(w.admin, { name: 'No rules' })).ownerId).toBeNull();
  });
});
