import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeLineTotals } from '@voyage/contracts';
import { newId } from '@voyage/kernel';
import type { SignedIn } from '@voyage/testing';
import { deals, pipelines, pipelineStages } from '../src/db/pipelines';
import { createWorld, type World } from './helpers';

let w: World;
let rep: SignedIn;
let viewer: SignedIn;
const ids = { seat: '', support: '', cny: '', usd: '', deal: '', usdDeal: '' };
const inject = (who: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
const fieldsOf = (body: string) => (JSON.parse(body) as { error: { details: { fields: Array<{ field: string }> } } }).error.details.fields.map((f) => f.field);
const post = async (url: string, payload: unknown) => {
  const res = await inject(w.admin, 'POST', url, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
};

/** Deals are inserted directly: this file tests lines, not the deals API. */
async function insertDeal(ownerId: string, currency: string, amountMinor: number): Promise<string> {
  const db = w.t.database.db;
  const pipelineId = newId();
  const stageId = newId();
  const id = newId();
  await db.insert(pipelines).values({ workspaceId: w.workspaceId, id: pipelineId, name: `P ${currency}`, currency });
  await db.insert(pipelineStages).values({ workspaceId: w.workspaceId, id: stageId, pipelineId, name: 'Qualify', position: 0, probability: 20 });
  await db.insert(deals).values({ workspaceId: w.workspaceId, id, name: `Deal ${currency}`, pipelineId, stageId, currency, amountMinor, ownerId });
  return id;
}

beforeAll(async () => {
  w = await createWorld();
  rep = await w.member('rep', 'Rep');
  viewer = await w.member('viewer', 'Viewer');
  ids.seat = (await post('/api/v1/products', { sku: 'SEAT', name: 'Seat', unit: 'seat' })).id;
  ids.support = (await post('/api/v1/products', { sku: 'SUP', name: 'Support' })).id;
  ids.cny = (await post('/api/v1/price-books', { name: '标准价', currency: 'CNY', isDefault: true })).id;
  ids.usd = (await post('/api/v1/price-books', { name: 'USD', currency: 'USD', isDefault: true })).id;
  expect((await inject(w.admin, 'PUT', `/api/v1/price-books/${ids.cny}/entries`, { entries: [
    { productId: ids.seat, listPriceMinor: 333, maxDiscountPct: 10 },
    { productId: ids.support, listPriceMinor: 35, maxDiscountPct: 5 },
  ] })).statusCode).toBe(200);
  expect((await inject(w.admin, 'PUT', `/api/v1/price-books/${ids.usd}/entries`, { entries: [{ productId: ids.seat, listPriceMinor: 50, maxDiscountPct: 0 }] })).statusCode).toBe(200);
  ids.deal = await insertDeal(w.admin.userId, 'CNY', 100_000);
  ids.usdDeal = await insertDeal(rep.userId, 'USD', 0);
});
afterAll(() => w.t.close());

describe('line money', () => {
  it('rounds net and tax half to even in minor units', () => {
    expect(computeLineTotals({ quantity: 3, unitPriceMinor: 333, discountPct: 10, taxPct: 6 })).toEqual({ netMinor: 899, taxMinor: 54, totalMinor: 953 });
    expect(computeLineTotals({ quantity: 1, unitPriceMinor: 25, discountPct: 10, taxPct: 0 }).netMinor).toBe(22); // 22.5 → 22
    expect(computeLineTotals({ quantity: 1, unitPriceMinor: 35, discountPct: 10, taxPct: 0 }).netMinor).toBe(32); // 31.5 → 32
    expect(computeLineTotals({ quantity: 0.0001, unitPriceMinor: 1, discountPct: 0, taxPct: 13 })).toEqual({ netMinor: 0, taxMinor: 0, totalMinor: 0 });
    expect(computeLineTotals({ quantity: 2.5, unitPriceMinor: 1_000_000_000_00, discountPct: 12.5, taxPct: 13 }).netMinor).toBe(218_750_000_000);
  });
});

describe('deal lines', () => {
  it('prices lines from the default book, sets the deal amount, audits and emits sales.deal.updated', async () => {
    const before = (await inject(w.admin, 'GET', `/api/v1/deals/${ids.deal}/lines`)).json();
    expect(before).toMatchObject({ hasLines: false, amountMinor: 100_000, lines: [], currency: 'CNY' });
    const res = await inject(w.admin, 'PUT', `/api/v1/deals/${ids.deal}/lines`, { version: before.version, lines: [
      { productId: ids.seat, quantity: 3, discountPct: 10, taxPct: 6 },
      { productId: ids.support, quantity: 1, discountPct: 10 },
      { description: 'Travel', quantity: 1, unitPriceMinor: 1000 },
    ] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.lines.map((l: Record<string, unknown>) => [l.sku, l.unitPriceMinor, l.listPriceMinor, l.netMinor, l.taxMinor, l.totalMinor, l.needsApproval])).toEqual([
      ['SEAT', 333, 333, 899, 54, 953, false],
      ['SUP', 35, 35, 32, 0, 32, true],
      [null, 1000, null, 1000, 0, 1000, false],
    ]);
    expect(body).toMatchObject({ hasLines: true, amountMinor: 1985, version: before.version + 1, totals: { netMinor: 1931, taxMinor: 54, totalMinor: 1985 } });
    expect(body.lines[1].maxDiscountPct).toBe(5);

    const [deal] = await w.t.database.query<{ amount_minor: string; has_lines: boolean; version: number }>(`select amount_minor, has_lines, version from deals where id = $1`, [ids.deal]);
    expect([Number(deal.amount_minor), deal.has_lines, deal.version]).toEqual([1985, true, before.version + 1]);
    const events = await w.t.database.query<{ payload: { id: string; amountMinor: number; changes: Record<string, unknown>; previous: Record<string, unknown> } }>(`select payload from outbox where workspace_id = $1 and event = 'sales.deal.updated'`, [w.workspaceId]);
    expect(events.map((e) => [e.payload.id, e.payload.amountMinor, e.payload.changes, e.payload.previous])).toEqual([[ids.deal, 1985, { lines: 3, amountMinor: 1985, hasLines: true, discountAboveMax: true }, { lines: 0, amountMinor: 100_000, hasLines: false, discountAboveMax: false }]]);
    const audit = await w.t.database.query<{ summary: string }>(`select summary from audit_log where workspace_id = $1 and object = 'deal' and record_id = $2`, [w.workspaceId, ids.deal]);
    expect(audit.map((a) => a.summary)).toEqual(['Deal CNY: 3 lines']);

    // While it has lines, the amount and currency follow them: a direct change is refused, naming the field.
    const direct = await inject(w.admin, 'PATCH', `/api/v1/deals/${ids.deal}`, { version: body.version, amountMinor: 5 });
    expect(direct.statusCode).toBe(422);
    expect(direct.json().error.details.fields[0].field).toBe('amountMinor');
    const otherCurrency = await inject(w.admin, 'PATCH', `/api/v1/deals/${ids.deal}`, { version: body.version, currency: 'USD' });
    expect(otherCurrency.statusCode).toBe(422);
    expect(otherCurrency.json().error.details.fields[0].field).toBe('currency');
    expect((await inject(w.admin, 'PATCH', `/api/v1/deals/${ids.deal}`, { version: body.version, name: 'Renamed deal' })).statusCode).toBe(200);
    body.version += 1;

    const stale = await inject(w.admin, 'PUT', `/api/v1/deals/${ids.deal}/lines`, { version: before.version, lines: [] });
    expect(stale.statusCode).toBe(409);

    const cleared = await inject(w.admin, 'PUT', `/api/v1/deals/${ids.deal}/lines`, { version: body.version, lines: [] });
    expect(cleared.json()).toMatchObject({ hasLines: false, amountMinor: 1985, lines: [], version: body.version + 1 });
  });

  it('refuses a book of another currency, a product without a price, and bad numbers', async () => {
    const { version } = (await inject(w.admin, 'GET', `/api/v1/deals/${ids.deal}/lines`)).json();
    const usdBook = await inject(w.admin, 'PUT', `/api/v1/deals/${ids.deal}/lines`, { version, lines: [{ productId: ids.seat, priceBookId: ids.usd, quantity: 1 }] });
    expect(usdBook.statusCode).toBe(422);
    expect(fieldsOf(usdBook.body)).toEqual(['lines.0.priceBookId']);
    expect(usdBook.json().error.message).toContain('USD');

    const noPrice = await inject(w.admin, 'PUT', `/api/v1/deals/${ids.usdDeal}/lines`, { version: 1, lines: [{ productId: ids.support, quantity: 1 }] });
    expect(noPrice.statusCode).toBe(422);
    expect(fieldsOf(noPrice.body)).toEqual(['lines.0.unitPriceMinor']);

    const bad = await inject(w.admin, 'PUT', `/api/v1/deals/${ids.deal}/lines`, { version, lines: [{ productId: ids.seat, quantity: -2, discountPct: 120 }] });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['lines.0.discountPct', 'lines.0.quantity']);
    const empty = await inject(w.admin, 'PUT', `/api/v1/deals/${ids.deal}/lines`, { version, lines: [{ quantity: 1, unitPriceMinor: 5 }] });
    expect(empty.statusCode).toBe(400);
    expect(fieldsOf(empty.body)).toEqual(['lines.0.productId']);
    // Nothing was changed by the refused requests.
    expect((await inject(w.admin, 'GET', `/api/v1/deals/${ids.deal}/lines`)).json().version).toBe(version);
  });

  it('follows the deal data scope and rights', async () => {
    // The rep sees only own deals: the admin's deal is not found, the rep's own is editable.
    expect((await inject(rep, 'GET', `/api/v1/deals/${ids.deal}/lines`)).statusCode).toBe(404);
    const own = await inject(rep, 'PUT', `/api/v1/deals/${ids.usdDeal}/lines`, { version: 1, lines: [{ productId: ids.seat, quantity: 4 }] });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ amountMinor: 200, hasLines: true });
    // A read-only user may read lines but not set them.
    expect((await inject(viewer, 'GET', `/api/v1/deals/${ids.usdDeal}/lines`)).statusCode).toBe(200);
    expect((await inject(viewer, 'PUT', `/api/v1/deals/${ids.usdDeal}/lines`, { version: 2, lines: [] })).statusCode).toBe(403);
    const unknown = await inject(w.admin, 'GET', `/api/v1/deals/${newId()}/lines`);
    expect(unknown.statusCode).toBe(404);
  });
});
