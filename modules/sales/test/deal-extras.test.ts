import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signIn, type SignedIn } from '@voyage/testing';
import { createWorld, type World } from './helpers';

let w: World;
let rep: SignedIn;
type Who = { headers: Record<string, string> };
interface Stage { id: string; kind: string }
interface Pipeline { id: string; stages: Stage[] }
type Deal = { id: string; version: number; status: string } & Record<string, unknown>;
const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: { ...who.headers, 'accept-language': 'en' }, payload: payload as never });
let pipeline: Pipeline;
const stageOf = (kind: string) => pipeline.stages.find((s) => s.kind === kind)!;
const create = async (who: Who, body: Record<string, unknown>): Promise<Deal> => {
  const res = await inject(who, 'POST', '/api/v1/deals', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const ok = async (who: Who, method: 'POST' | 'PUT' | 'PATCH', url: string, payload: unknown, status = 200) => {
  const res = await inject(who, method, url, payload);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

beforeAll(async () => {
  w = await createWorld();
  rep = await w.member('rep', 'Rep');
  [pipeline] = (await inject(w.admin, 'GET', '/api/v1/pipelines')).json().data as Pipeline[];
});
afterAll(() => w.t.close());

describe('won/lost reasons and competitors', () => {
  it('keeps free-text reasons while the list is empty, then asks for one from the list', async () => {
    const free = await create(rep, { name: 'Free text' });
    expect((await ok(rep, 'POST', `/api/v1/deals/${free.id}/move`, { stageId: stageOf('lost').id, version: free.version, lostReason: 'Budget cut' })).lostReason).toBe('Budget cut');

    expect((await inject(rep, 'POST', '/api/v1/deal-reasons', { kind: 'lost', labels: { custom: 'x' } })).statusCode).toBe(403);
    const bad = await inject(w.admin, 'POST', '/api/v1/deal-reasons', { kind: 'lost', labels: {} });
    expect(bad.statusCode).toBe(400);
    const price = await ok(w.admin, 'POST', '/api/v1/deal-reasons', { kind: 'lost', labels: { 'zh-CN': '价格太高', 'zh-TW': '價格太高', en: 'Price too high' } }, 201);
    const timing = await ok(w.admin, 'POST', '/api/v1/deal-reasons', { kind: 'lost', labels: { custom: '时机不对' } }, 201);
    expect(timing.position).toBe(price.position + 1);
    const listed = (await inject(rep, 'GET', '/api/v1/deal-reasons?kind=lost')).json().data as Array<{ id: string }>;
    expect(listed.map((r) => r.id)).toEqual([price.id, timing.id]);

    const d = await create(rep, { name: 'Listed reason' });
    const noPick = await inject(rep, 'POST', `/api/v1/deals/${d.id}/move`, { stageId: stageOf('lost').id, version: d.version, lostReason: 'anything' });
    expect(noPick.statusCode).toBe(422);
    expect(noPick.json().error.message).toBe('Pick a lostReasonId from the list to mark the deal lost');
    expect(noPick.json().error.details.fields[0].field).toBe('lostReasonId');
    // Won has no list yet: free text still works.
    const lost = await ok(rep, 'POST', `/api/v1/deals/${d.id}/move`, { stageId: stageOf('lost').id, version: d.version, lostReasonId: price.id });
    expect(lost).toMatchObject({ status: 'lost', lostReason: 'Price too high', closeReasonId: price.id });
    // A reason in use can be switched off but not deleted.
    expect((await inject(w.admin, 'DELETE', `/api/v1/deal-reasons/${price.id}`)).statusCode).toBe(409);
    await ok(w.admin, 'PATCH', `/api/v1/deal-reasons/${price.id}`, { active: false });
    expect((await inject(rep, 'GET', '/api/v1/deal-reasons?kind=lost')).json().data.map((r: { id: string }) => r.id)).toEqual([timing.id]);
    expect((await inject(w.admin, 'DELETE', `/api/v1/deal-reasons/${timing.id}`)).statusCode).toBe(204);
  });

  it('records the competitor a deal was lost to, and the ones it was won against', async () => {
    expect((await inject(rep, 'POST', '/api/v1/competitors', { name: 'Nope' })).statusCode).toBe(403);
    const sf = await ok(w.admin, 'POST', '/api/v1/competitors', { name: 'Salesforce', website: 'https://salesforce.com', strengths: 'Brand', weaknesses: 'Price' }, 201);
    const xbb = await ok(w.admin, 'POST', '/api/v1/competitors', { name: '销售易' }, 201);
    expect((await inject(w.admin, 'POST', '/api/v1/competitors', { name: 'Salesforce' })).statusCode).toBe(409);

    const d = await create(rep, { name: 'Contested' });
    const put = await ok(rep, 'PUT', `/api/v1/deals/${d.id}/competitors/${xbb.id}`, { note: 'Also pitching' });
    expect(put.data).toEqual([expect.objectContaining({ competitorId: xbb.id, name: '销售易', status: 'active', note: 'Also pitching' })]);
    const current = (await inject(rep, 'GET', `/api/v1/deals/${d.id}`)).json() as Deal;
    const unknown = await inject(rep, 'POST', `/api/v1/deals/${d.id}/move`, { stageId: stageOf('lost').id, version: current.version, lostReason: 'Lost', lostToCompetitorId: rep.userId });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0].field).toBe('lostToCompetitorId');
    const reasons = (await inject(rep, 'GET', '/api/v1/deal-reasons?kind=lost')).json().data as Array<{ id: string }>;
    const lost = await ok(rep, 'POST', `/api/v1/deals/${d.id}/move`, { stageId: stageOf('lost').id, version: current.version, lostReason: 'Cheaper offer', lostToCompetitorId: sf.id, ...(reasons[0] ? { lostReasonId: reasons[0].id } : {}) });
    expect(lost).toMatchObject({ status: 'lost', lostToCompetitorId: sf.id, lostReason: 'Cheaper offer' });
    const onDeal = (await inject(rep, 'GET', `/api/v1/deals/${d.id}/competitors`)).json().data as Array<{ name: string; status: string }>;
    expect(onDeal.map((c) => [c.name, c.status])).toEqual([['销售易', 'active'], ['Salesforce', 'lost_to']]);

    const won = await create(rep, { name: 'Beat them' });
    await ok(rep, 'PUT', `/api/v1/deals/${won.id}/competitors/${xbb.id}`, {});
    const v = (await inject(rep, 'GET', `/api/v1/deals/${won.id}`)).json().version;
    await ok(rep, 'POST', `/api/v1/deals/${won.id}/move`, { stageId: stageOf('won').id, version: v, wonReason: 'Better product' });
    expect((await inject(rep, 'GET', `/api/v1/deals/${won.id}/competitors`)).json().data[0].status).toBe('won_against');

    // An open deal still lists 销售易 as active: it cannot go to the trash; taking it off frees it.
    expect((await inject(w.admin, 'DELETE', `/api/v1/competitors/${xbb.id}`)).statusCode).toBe(409);
    expect((await inject(rep, 'DELETE', `/api/v1/deals/${d.id}/competitors/${xbb.id}`)).statusCode).toBe(204);
    expect((await inject(w.admin, 'DELETE', `/api/v1/competitors/${xbb.id}`)).statusCode).toBe(204);
    expect((await inject(rep, 'GET', '/api/v1/competitors')).json().data.map((c: { name: string }) => c.name)).toEqual(['Salesforce']);
    expect((await inject(w.admin, 'POST', `/api/v1/competitors/${xbb.id}/restore`)).statusCode).toBe(204);
    const stale = await inject(w.admin, 'PATCH', `/api/v1/competitors/${sf.id}`, { version: sf.version + 5, name: 'SFDC' });
    expect(stale.statusCode).toBe(409);
  });

  it('hides another rep\'s deal competitors (404) and refuses changes to them', async () => {
    const other = await w.member('rep', 'Other');
    const d = await create(other, { name: 'Not yours' });
    expect((await inject(rep, 'GET', `/api/v1/deals/${d.id}/competitors`)).statusCode).toBe(404);
    const [c] = (await inject(rep, 'GET', '/api/v1/competitors')).json().data as Array<{ id: string }>;
    expect((await inject(rep, 'PUT', `/api/v1/deals/${d.id}/competitors/${c.id}`, {})).statusCode).toBe(404);
  });
});

describe('board team filter and bulk actions', () => {
  it('filters the board to the owners of a department and those below it', async () => {
    const sales = await ok(w.admin, 'POST', '/api/v1/departments', { name: 'Sales' }, 201);
    const east = await ok(w.admin, 'POST', '/api/v1/departments', { name: 'East', parentId: sales.id }, 201);
    const other = await ok(w.admin, 'POST', '/api/v1/departments', { name: 'Support' }, 201);
    const inEast = await signIn(w.t, await addMember(w.t.database, w.workspaceId, w.roleIds.rep, { name: 'East rep', departmentId: east.id }), w.workspaceId);
    const inSupport = await signIn(w.t, await addMember(w.t.database, w.workspaceId, w.roleIds.rep, { name: 'Support rep', departmentId: other.id }), w.workspaceId);
    const mine = await create(inEast, { name: 'East deal' });
    await create(inSupport, { name: 'Support deal' });
    const board = (await inject(w.admin, 'GET', `/api/v1/deals/board?departmentId=${sales.id}`)).json() as { columns: Array<{ count: number; deals: Array<{ id: string }> }> };
    expect(board.columns.flatMap((c) => c.deals.map((d) => d.id))).toEqual([mine.id]);
    expect(board.columns.reduce((n, c) => n + c.count, 0)).toBe(1);
  });

  it('assigns and deletes in bulk with one result per deal', async () => {
    const a = await create(w.admin, { name: 'Bulk A' });
    const b = await create(w.admin, { name: 'Bulk B' });
    const foreign = await create(await w.member('rep', 'Third'), { name: 'Bulk foreign' });
    const assigned = await ok(rep, 'POST', '/api/v1/deals/bulk', { action: 'assign', ids: [foreign.id], ownerId: rep.userId });
    expect(assigned.results).toEqual([expect.objectContaining({ id: foreign.id, ok: false, status: 404 })]);
    const res = await ok(w.admin, 'POST', '/api/v1/deals/bulk', { action: 'assign', ids: [a.id, b.id], ownerId: rep.userId });
    expect(res.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
    expect((await inject(rep, 'GET', `/api/v1/deals/${a.id}`)).json().ownerId).toBe(rep.userId);
    // Reps may not delete: each record says so, and nothing is deleted.
    const refused = await ok(rep, 'POST', '/api/v1/deals/bulk', { action: 'delete', ids: [a.id, foreign.id] });
    expect(refused.results.map((r: { id: string; ok: boolean; status: number }) => [r.id, r.ok, r.status])).toEqual([[a.id, false, 403], [foreign.id, false, 403]]);
    const manager = await w.member('manager', 'Manager');
    const del = await ok(w.admin, 'POST', '/api/v1/deals/bulk', { action: 'delete', ids: [a.id, manager.userId] });
    expect(del.results.map((r: { id: string; ok: boolean }) => [r.id, r.ok])).toEqual([[a.id, true], [manager.userId, false]]);
    expect((await inject(rep, 'GET', `/api/v1/deals/${a.id}`)).statusCode).toBe(404);
    expect((await inject(w.admin, 'GET', '/api/v1/deals?trash=true')).json().data.map((d: { id: string }) => d.id)).toContain(a.id);
    expect((await inject(rep, 'POST', '/api/v1/deals/bulk', { action: 'assign', ids: [], ownerId: rep.userId })).statusCode).toBe(400);
  });
});

describe('price book by customer tier', () => {
  it('prices lines from the book of the account\'s tier, else the currency default', async () => {
    const seat = await ok(w.admin, 'POST', '/api/v1/products', { sku: 'TIER-SEAT', name: 'Seat' }, 201);
    const extra = await ok(w.admin, 'POST', '/api/v1/products', { sku: 'TIER-EXTRA', name: 'Extra' }, 201);
    const std = await ok(w.admin, 'POST', '/api/v1/price-books', { name: 'Standard', currency: 'CNY', isDefault: true }, 201);
    const tierA = await ok(w.admin, 'POST', '/api/v1/price-books', { name: 'A customers', currency: 'CNY', customerLevel: 'A' }, 201);
    await ok(w.admin, 'PUT', `/api/v1/price-books/${std.id}/entries`, { entries: [{ productId: seat.id, listPriceMinor: 1000, maxDiscountPct: 0 }, { productId: extra.id, listPriceMinor: 500, maxDiscountPct: 0 }] });
    await ok(w.admin, 'PUT', `/api/v1/price-books/${tierA.id}/entries`, { entries: [{ productId: seat.id, listPriceMinor: 800, maxDiscountPct: 0 }] });
    const account = await ok(w.admin, 'POST', '/api/v1/accounts', { name: '一级客户公司' }, 201);
    await ok(w.admin, 'PATCH', `/api/v1/accounts/${account.id}/ownership`, { customerLevel: 'A' });
    const plain = await ok(w.admin, 'POST', '/api/v1/accounts', { name: '普通客户公司' }, 201);

    const priced = async (accountId: string) => {
      const d = await create(w.admin, { name: `Tier ${accountId}`, accountId });
      const res = await ok(w.admin, 'PUT', `/api/v1/deals/${d.id}/lines`, { version: d.version, lines: [{ productId: seat.id, quantity: 2 }, { productId: extra.id, quantity: 1 }] });
      return (res.lines as Array<{ priceBookId: string; listPriceMinor: number }>).map((l) => [l.priceBookId, l.listPriceMinor]);
    };
    // Tier A's book lists the seat; the extra is only in the default book.
    expect(await priced(account.id)).toEqual([[tierA.id, 800], [std.id, 500]]);
    expect(await priced(plain.id)).toEqual([[std.id, 1000], [std.id, 500]]);
  });
});
