import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceWithAdmin, signIn, type SignedIn } from '@voyage/testing';
import { createWorld, type World } from './helpers';

let w: World;
let rep: SignedIn;
let viewer: SignedIn;
type Who = { headers: Record<string, string> };
interface Stage { id: string; name: string; kind: string; probability: number; version: number }
interface Pipeline { id: string; version: number; stages: Stage[] }
type Deal = { id: string; version: number; stageId: string; status: string; probability: number | null; closedAt: string | null } & Record<string, unknown>;
const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
let pipeline: Pipeline;
let accountId: string;
let contactId: string;
const stage = (i: number) => pipeline.stages[i];
const create = async (who: Who, body: Record<string, unknown>): Promise<Deal> => {
  const res = await inject(who, 'POST', '/api/v1/deals', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

beforeAll(async () => {
  w = await createWorld();
  rep = await w.member('rep', 'Rep');
  viewer = await w.member('viewer', 'Viewer');
  [pipeline] = (await inject(w.admin, 'GET', '/api/v1/pipelines')).json().data as Pipeline[];
  // 方案报价 needs an amount and a close date.
  const st = stage(2);
  expect((await inject(w.admin, 'PATCH', `/api/v1/pipelines/${pipeline.id}/stages/${st.id}`, { version: st.version, requiredFields: ['amountMinor', 'closeDate'] })).statusCode).toBe(200);
  // The rep's own customer: a deal may only point at records its creator can see.
  accountId = (await inject(w.admin, 'POST', '/api/v1/accounts', { name: '华为技术有限公司', ownerId: rep.userId })).json().id;
  contactId = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: '王小明', accountId, ownerId: rep.userId })).json().id;
});
afterAll(() => w.t.close());

describe('deals', () => {
  it('creates a deal in the first stage of the default pipeline, owned by its creator', async () => {
    const d = await create(rep, { name: '华为 CRM 项目', amountMinor: 1_200_000, accountId, primaryContactId: contactId });
    expect(d).toMatchObject({ pipelineId: pipeline.id, stageId: stage(0).id, status: 'open', ownerId: rep.userId, currency: 'CNY', amountMinor: 1_200_000 });
    const contacts = (await inject(rep, 'GET', `/api/v1/deals/${d.id}/contacts`)).json().data;
    expect(contacts).toEqual([expect.objectContaining({ contactId, isPrimary: true })]);
  });

  it('refuses a move into a stage whose required fields are empty, naming them in the reader\'s language', async () => {
    const d = await create(rep, { name: 'No amount yet' });
    const res = await w.t.app.inject({ method: 'POST', url: `/api/v1/deals/${d.id}/move?lang=zh-CN`, headers: rep.headers, payload: { stageId: stage(2).id, version: d.version } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toBe('移入“方案报价”前请先填写：金额、预计成交日期');
    expect(res.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['amountMinor', 'closeDate']);
    const still = (await inject(rep, 'GET', `/api/v1/deals/${d.id}`)).json() as Deal;
    expect(still.stageId).toBe(stage(0).id);
  });

  it('moves through stages, records the history with seconds in each stage, and closes won with a reason', async () => {
    const d = await create(rep, { name: 'Big one', amountMinor: 500_000, closeDate: '2026-12-31' });
    const moved = await inject(rep, 'POST', `/api/v1/deals/${d.id}/move`, { stageId: stage(2).id, version: d.version });
    expect(moved.statusCode, moved.body).toBe(200);
    const m = moved.json() as Deal;
    expect(m).toMatchObject({ stageId: stage(2).id, probability: 60, status: 'open', version: d.version + 1 });
    const stale = await inject(rep, 'POST', `/api/v1/deals/${d.id}/move`, { stageId: stage(3).id, version: d.version });
    expect(stale.statusCode).toBe(409);
    const noReason = await inject(rep, 'POST', `/api/v1/deals/${d.id}/move`, { stageId: stage(4).id, version: m.version });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.details.fields[0].field).toBe('wonReason');
    const won = await inject(rep, 'POST', `/api/v1/deals/${d.id}/move`, { stageId: stage(4).id, version: m.version, wonReason: '价格优势' });
    expect(won.statusCode, won.body).toBe(200);
    expect(won.json()).toMatchObject({ status: 'won', probability: 100, wonReason: '价格优势' });
    expect(won.json().closedAt).not.toBeNull();
    const history = (await inject(rep, 'GET', `/api/v1/deals/${d.id}/stage-history`)).json().data as Array<{ fromStageId: string | null; toStageId: string; secondsInFrom: number | null }>;
    expect(history.map((h) => [h.fromStageId, h.toStageId])).toEqual([[null, stage(0).id], [stage(0).id, stage(2).id], [stage(2).id, stage(4).id]]);
    expect(history[0].secondsInFrom).toBeNull();
    expect(history.slice(1).every((h) => typeof h.secondsInFrom === 'number' && h.secondsInFrom >= 0)).toBe(true);
    const lost = await inject(rep, 'POST', `/api/v1/deals/${d.id}/move`, { stageId: stage(5).id, version: won.json().version, lostReason: '预算取消' });
    expect(lost.json()).toMatchObject({ status: 'lost', lostReason: '预算取消', probability: 0 });
  });

  it('lists with filters and sort, keeps reps to their own deals, and shows the board with counts and totals', async () => {
    const other = await w.member('rep', 'Other rep');
    await create(other, { name: 'Not yours', amountMinor: 999 });
    const mine = (await inject(rep, 'GET', '/api/v1/deals?sort=name&limit=200')).json().data as Deal[];
    expect(mine.map((d) => d.name)).toEqual(['Big one', 'No amount yet', '华为 CRM 项目']);
    const filtered = (await inject(w.admin, 'GET', `/api/v1/deals?filter[amountMinor][gte]=1000&sort=-amountMinor`)).json().data as Deal[];
    expect(filtered.map((d) => d.name)).toEqual(['华为 CRM 项目', 'Big one']);
    const bad = await inject(w.admin, 'GET', '/api/v1/deals?filter[bogus]=1');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('filter[bogus]');
    const board = (await inject(rep, 'GET', `/api/v1/deals/board?pipelineId=${pipeline.id}`)).json() as { columns: Array<{ stage: Stage; count: number; totals: Array<{ currency: string; amountMinor: number }>; deals: Deal[] }> };
    expect(board.columns.map((c) => c.count)).toEqual([2, 0, 0, 0, 0, 1]);
    expect(board.columns[0].totals).toEqual([{ currency: 'CNY', amountMinor: 1_200_000 }]);
    const adminBoard = (await inject(w.admin, 'GET', `/api/v1/deals/board?ownerId=${other.userId}`)).json() as { columns: Array<{ count: number; deals: Deal[] }> };
    expect(adminBoard.columns[0].deals.map((d) => d.name)).toEqual(['Not yours']);
    const theirs = (await inject(other, 'GET', '/api/v1/deals')).json().data as Deal[];
    expect(await inject(rep, 'GET', `/api/v1/deals/${theirs[0].id}`).then((r) => r.statusCode)).toBe(404);
  });

  it('updates with a version, validates custom fields, and trashes and restores', async () => {
    expect((await inject(w.admin, 'POST', '/api/v1/custom-fields', { object: 'deal', key: 'budget_year', label: 'Budget year', type: 'number' })).statusCode).toBe(201);
    const d = await create(w.admin, { name: 'Custom', custom: { budget_year: 2027 } });
    expect(d.custom).toEqual({ budget_year: 2027 });
    const badCustom = await inject(w.admin, 'PATCH', `/api/v1/deals/${d.id}`, { version: d.version, custom: { budget_year: 'soon' } });
    expect(badCustom.statusCode).toBe(400);
    expect(badCustom.json().error.details.fields[0].field).toBe('custom.budget_year');
    const negative = await inject(w.admin, 'POST', '/api/v1/deals', { name: 'Neg', amountMinor: -5 });
    expect(negative.statusCode).toBe(400);
    expect(JSON.stringify(negative.json().error.details)).toContain('amountMinor');
    const unknownCurrency = await inject(w.admin, 'POST', '/api/v1/deals', { name: 'Currency', currency: 'XQZ' });
    expect(unknownCurrency.statusCode).toBe(400);
    expect(JSON.stringify(unknownCurrency.json().error.details)).toContain('currency');
    const ok = await inject(w.admin, 'PATCH', `/api/v1/deals/${d.id}`, { version: d.version, amountMinor: 300 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ amountMinor: 300, version: d.version + 1 });
    expect((await inject(w.admin, 'PATCH', `/api/v1/deals/${d.id}`, { version: d.version, amountMinor: 1 })).statusCode).toBe(409);
    expect((await inject(w.admin, 'DELETE', `/api/v1/deals/${d.id}`)).statusCode).toBe(204);
    expect((await inject(w.admin, 'GET', `/api/v1/deals/${d.id}`)).statusCode).toBe(404);
    const trash = (await inject(w.admin, 'GET', '/api/v1/deals?trash=true')).json().data as Deal[];
    expect(trash.map((x) => x.id)).toEqual([d.id]);
    expect((await inject(w.admin, 'POST', `/api/v1/deals/${d.id}/restore`)).statusCode).toBe(204);
    expect((await inject(w.admin, 'GET', `/api/v1/deals/${d.id}`)).statusCode).toBe(200);
  });

  it('manages stakeholders', async () => {
    const d = await create(w.admin, { name: 'Stakeholders' });
    const second = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: '李四' })).json().id as string;
    const put = await inject(w.admin, 'PUT', `/api/v1/deals/${d.id}/contacts/${second}`, { role: 'decision_maker', isPrimary: true });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().data).toEqual([expect.objectContaining({ contactId: second, role: 'decision_maker', isPrimary: true })]);
    expect((await inject(w.admin, 'GET', `/api/v1/deals/${d.id}`)).json().primaryContactId).toBe(second);
    expect((await inject(w.admin, 'DELETE', `/api/v1/deals/${d.id}/contacts/${second}`)).statusCode).toBe(204);
    expect((await inject(w.admin, 'GET', `/api/v1/deals/${d.id}`)).json().primaryContactId).toBeNull();
  });

  it('gives 404 for an account of another workspace, and refuses users without the right', async () => {
    const ws2 = await createWorkspaceWithAdmin(w.t.database, { objects: ['account', 'contact', 'deal'] });
    const admin2 = await signIn(w.t, ws2.adminUserId, ws2.workspaceId);
    const foreign = (await inject(admin2, 'POST', '/api/v1/accounts', { name: 'Elsewhere' })).json().id as string;
    const res = await inject(w.admin, 'POST', '/api/v1/deals', { name: 'Cross', accountId: foreign });
    expect(res.statusCode).toBe(404);
    expect((await inject(viewer, 'POST', '/api/v1/deals', { name: 'Nope' })).statusCode).toBe(403);
    const some = (await inject(viewer, 'GET', '/api/v1/deals')).json().data as Deal[];
    expect(some.length).toBeGreaterThan(0);
    const move = await inject(viewer, 'POST', `/api/v1/deals/${some[0].id}/move`, { stageId: stage(1).id, version: some[0].version });
    expect(move.statusCode).toBe(403);
  });
});
