import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signIn, type SignedIn } from '@voyage/testing';
import { newId, schema } from '@voyage/kernel';
import { deals } from '../src/db/pipelines';
import { isHeldOut } from '../src/forecast/win-probability-model';
import { createWorld, type World } from './helpers';

let w: World;
let repA: SignedIn;
let repB: SignedIn;
let viewer: SignedIn;
type Who = { headers: Record<string, string> };
interface Stage { id: string; kind: string; probability: number }
interface Pipeline { id: string; name: string; stages: Stage[] }
interface Row { period: string; groupKey: string | null; groupLabel: string | null; currency: string; count: number; amountMinor: number; weightedMinor: number; commitMinor: number; bestCaseMinor: number; pipelineMinor: number }
const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, locale = 'en') => w.t.app.inject({ method, url, headers: { ...who.headers, 'accept-language': locale }, payload: payload as never });
const get = async (who: Who, url: string, locale = 'en') => {
  const res = await inject(who, 'GET', url, undefined, locale);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
let pipeline: Pipeline;
const d: Record<string, { id: string; version: number }> = {};
const create = async (who: Who, body: Record<string, unknown>) => {
  const res = await inject(who, 'POST', '/api/v1/deals', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
};
const RANGE = 'from=2030-01-01&to=2030-03-31';
const cells = (rows: Row[]) => rows.map((r) => [r.period, r.groupLabel, r.count, r.amountMinor, r.weightedMinor, r.commitMinor, r.bestCaseMinor, r.pipelineMinor]);

beforeAll(async () => {
  w = await createWorld();
  const deptId = newId();
  await w.t.database.db.insert(schema.departments).values({ workspaceId: w.workspaceId, id: deptId, name: '华东销售部' });
  repA = await signIn(w.t, await addMember(w.t.database, w.workspaceId, w.roleIds.rep, { name: 'Rep A', departmentId: deptId }), w.workspaceId);
  repB = await w.member('rep', 'Rep B');
  viewer = await w.member('viewer', 'Viewer');
  [pipeline] = (await get(w.admin, '/api/v1/pipelines')).data as Pipeline[];
  // Hand-computed weights: 100,000 × 50% + 200,000 × 10% (the first stage's default) in January,
  // 30,000 × 95% for A and 1,000,000 × 10% for B in February.
  d.a1 = await create(repA, { name: 'A1', amountMinor: 100_000, probability: 50, closeDate: '2030-01-15' });
  d.a2 = await create(repA, { name: 'A2', amountMinor: 200_000, closeDate: '2030-01-20' });
  d.a3 = await create(repA, { name: 'A3', amountMinor: 30_000, probability: 95, closeDate: '2030-02-10' });
  d.b1 = await create(repB, { name: 'B1', amountMinor: 1_000_000, probability: 10, closeDate: '2030-02-01' });
  d.noDate = await create(repB, { name: 'No date', amountMinor: 5_000 });
});
afterAll(() => w.t.close());

describe('forecast categories', () => {
  it('lets a rep set the category of their own deal, version-checked', async () => {
    const res = await inject(repB, 'PUT', `/api/v1/deals/${d.b1.id}/forecast-category`, { version: d.b1.version, forecastCategory: 'commit' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ forecastCategory: 'commit', version: d.b1.version + 1 });
    const stale = await inject(repB, 'PUT', `/api/v1/deals/${d.b1.id}/forecast-category`, { version: d.b1.version, forecastCategory: 'pipeline' });
    expect(stale.statusCode).toBe(409);
    d.b1.version += 1;
  });

  it('refuses a read-only user (403) and another rep (404: not in their scope), and a bad category (400 naming the field)', async () => {
    expect((await inject(viewer, 'PUT', `/api/v1/deals/${d.b1.id}/forecast-category`, { version: d.b1.version, forecastCategory: 'omitted' })).statusCode).toBe(403);
    expect((await inject(repA, 'PUT', `/api/v1/deals/${d.b1.id}/forecast-category`, { version: d.b1.version, forecastCategory: 'omitted' })).statusCode).toBe(404);
    const bad = await inject(repB, 'PUT', `/api/v1/deals/${d.b1.id}/forecast-category`, { version: d.b1.version, forecastCategory: 'maybe' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('forecastCategory');
    expect((await get(viewer, `/api/v1/deals/${d.b1.id}`)).forecastCategory).toBe('commit');
  });
});

describe('weighted pipeline', () => {
  it('weights open deals by month and owner, with categories derived or chosen', async () => {
    const body = await get(w.admin, `/api/v1/forecast/pipeline?period=month&groupBy=owner&${RANGE}`);
    expect(body.periods).toEqual(['2030-01', '2030-02', '2030-03']);
    expect(cells(body.rows)).toEqual([
      ['2030-01', 'Rep A', 2, 300_000, 70_000, 0, 50_000, 20_000],
      ['2030-02', 'Rep A', 1, 30_000, 28_500, 28_500, 0, 0],
      ['2030-02', 'Rep B', 1, 1_000_000, 100_000, 100_000, 0, 0],
    ]);
    expect(body.categories.map((c: { category: string; count: number; weightedMinor: number }) => [c.category, c.count, c.weightedMinor])).toEqual([
      ['commit', 2, 128_500], ['best_case', 1, 50_000], ['pipeline', 1, 20_000],
    ]);
    expect(body.withoutCloseDate.count).toBe(1);
  });

  it('keeps a rep to their own deals, by quarter', async () => {
    const body = await get(repA, `/api/v1/forecast/pipeline?period=quarter&groupBy=owner&${RANGE}`);
    expect(cells(body.rows)).toEqual([['2030-Q1', 'Rep A', 3, 330_000, 98_500, 28_500, 50_000, 20_000]]);
    expect(body.withoutCloseDate.count).toBe(0);
  });

  it('groups by team (the owner\'s department) and pipeline, and leaves omitted deals out', async () => {
    const team = await get(w.admin, `/api/v1/forecast/pipeline?period=quarter&groupBy=team&${RANGE}&lang=zh-CN`);
    expect(cells(team.rows)).toEqual([
      ['2030-Q1', '华东销售部', 3, 330_000, 98_500, 28_500, 50_000, 20_000],
      ['2030-Q1', '无部门', 1, 1_000_000, 100_000, 100_000, 0, 0],
    ]);
    const res = await inject(repA, 'PUT', `/api/v1/deals/${d.a2.id}/forecast-category`, { version: d.a2.version, forecastCategory: 'omitted' });
    expect(res.statusCode, res.body).toBe(200);
    const byPipeline = await get(w.admin, `/api/v1/forecast/pipeline?period=quarter&groupBy=pipeline&${RANGE}`);
    expect(cells(byPipeline.rows)).toEqual([['2030-Q1', pipeline.name === '新客户销售' ? 'New business' : expect.any(String), 3, 1_130_000, 178_500, 128_500, 50_000, 0]]);
    expect(byPipeline.categories.find((c: { category: string }) => c.category === 'omitted')).toMatchObject({ count: 1, amountMinor: 200_000, weightedMinor: 20_000 });
    const back = await inject(repA, 'PUT', `/api/v1/deals/${d.a2.id}/forecast-category`, { version: d.a2.version + 1, forecastCategory: null });
    expect(back.json().forecastCategory).toBeNull();
  });

  it('splits a deal across product lines by line amount; a deal without lines is "no product"', async () => {
    const post = async (url: string, body: unknown) => { const r = await inject(w.admin, 'POST', url, body); expect(r.statusCode, r.body).toBe(201); return r.json().id as string; };
    const software = await post('/api/v1/products', { sku: 'SW', name: 'Software', productLine: 'Software' });
    const service = await post('/api/v1/products', { sku: 'SV', name: 'Service', productLine: 'Services' });
    const book = await post('/api/v1/price-books', { name: 'CNY', currency: 'CNY', isDefault: true });
    expect((await inject(w.admin, 'PUT', `/api/v1/price-books/${book}/entries`, { entries: [{ productId: software, listPriceMinor: 10_000, maxDiscountPct: 0 }, { productId: service, listPriceMinor: 10_000, maxDiscountPct: 0 }] })).statusCode).toBe(200);
    const deal = await create(repA, { name: 'Lines', probability: 50, closeDate: '2030-03-05' });
    const lines = await inject(repA, 'PUT', `/api/v1/deals/${deal.id}/lines`, { version: deal.version, lines: [{ productId: software, quantity: 3 }, { productId: service, quantity: 1 }] });
    expect(lines.statusCode, lines.body).toBe(200);
    const body = await get(repA, `/api/v1/forecast/pipeline?period=month&groupBy=product&from=2030-03-01&to=2030-03-31`);
    expect(cells(body.rows)).toEqual([
      ['2030-03', 'Services', 1, 10_000, 5_000, 0, 5_000, 0],
      ['2030-03', 'Software', 1, 30_000, 15_000, 0, 15_000, 0],
    ]);
    const jan = await get(repA, `/api/v1/forecast/pipeline?period=month&groupBy=product&from=2030-01-01&to=2030-01-31`);
    expect(cells(jan.rows)).toEqual([['2030-01', 'No product', 2, 300_000, 70_000, 0, 50_000, 20_000]]);
  });

  it('refuses a range that ends before it starts, naming the field', async () => {
    const res = await inject(w.admin, 'GET', '/api/v1/forecast/pipeline?from=2030-05-01&to=2030-01-31');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('to');
    expect((await inject(w.admin, 'GET', '/api/v1/forecast/pipeline?period=week')).statusCode).toBe(400);
  });
});

describe('statistical forecast and win probability', () => {
  it('says there is too little history before any deal is won', async () => {
    const stat = await get(w.admin, '/api/v1/forecast/statistical?asOf=2026-01-15');
    expect(stat).toMatchObject({ model: 'none', historyQuarters: 0, backtest: null, notEnoughHistory: { have: 0, need: 4 } });
    expect(stat.notEnoughHistory.message).toBe('Too little history: 0 quarter(s) of won deals, a forecast needs 4');
    const win = await get(w.admin, '/api/v1/forecast/win-probability');
    expect(win.model).toMatchObject({ trained: false, closedDeals: 0, auc: null, notEnoughHistory: { have: 0, need: 30 } });
    expect(win.data.every((x: { modelProbability: number | null }) => x.modelProbability === null)).toBe(true);
  });

  it('forecasts trend + seasonality from won history with a band and backtest error, and trains the win model', async () => {
    const won = pipeline.stages.find((s) => s.kind === 'won')!;
    const lost = pipeline.stages.find((s) => s.kind === 'lost')!;
    const season = [0, 300_000, -200_000, 500_000];
    const rows: Array<typeof deals.$inferInsert> = [];
    const pickId = (heldOut: boolean) => { for (;;) { const id = newId(); if (isHeldOut(id) === heldOut) return id; } };
    const deal = (status: 'won' | 'lost', amountMinor: number, closedAt: Date, id = newId(), currency = 'CNY') => rows.push({
      workspaceId: w.workspaceId, id, name: `${status} ${rows.length}`, pipelineId: pipeline.id, stageId: status === 'won' ? won.id : lost.id, status, amountMinor, currency,
      ownerId: w.admin.userId, closedAt, createdAt: new Date(closedAt.getTime() - 30 * 86_400_000), closeDate: closedAt.toISOString().slice(0, 10),
    });
    // Ten quarters, 2023-Q3 … 2025-Q4: 2,000,000 + 100,000·t + the quarter's effect, in two deals each.
    for (let t = 0; t < 10; t++) {
      const q = (2 + t) % 4;
      const year = 2023 + Math.floor((2 + t) / 4);
      const total = 2_000_000 + 100_000 * t + season[q];
      const at = new Date(Date.UTC(year, q * 3 + 1, 15, 4));
      deal('won', total / 2, at, t < 2 ? pickId(true) : undefined);
      deal('won', total / 2, at);
      deal('lost', 10_000 + t * 1_000, at, t < 2 ? pickId(true) : undefined);
      deal('lost', 20_000 + t * 1_000, at);
    }
    deal('won', 99_999, new Date(Date.UTC(2025, 4, 1)), undefined, 'USD');
    await w.t.database.db.insert(deals).values(rows);

    const stat = await get(w.admin, '/api/v1/forecast/statistical?asOf=2026-01-15');
    expect(stat).toMatchObject({ model: 'trend_seasonal', historyQuarters: 10, notEnoughHistory: null, otherCurrencyDeals: 1, bandLevel: 0.8 });
    const ahead = stat.points.filter((p: { forecastMinor: number | null }) => p.forecastMinor !== null);
    expect(ahead.map((p: { quarter: string; forecastMinor: number }) => [p.quarter, p.forecastMinor])).toEqual([
      ['2026-Q1', 3_000_000], ['2026-Q2', 3_400_000], ['2026-Q3', 3_000_000], ['2026-Q4', 3_800_000],
    ]);
    expect(stat.points[0]).toMatchObject({ quarter: '2023-Q3', actualMinor: 1_800_000 });
    expect(stat.backtest.folds).toBe(4);
    // Each fold is fitted on the quarters before it: with 8+ of them the seasonal model is exact,
    // with 6 or 7 only the trend is fitted and misses the seasons.
    const folds = stat.backtest.points as Array<{ quarter: string; actualMinor: number; predictedMinor: number }>;
    expect(folds.map((p) => p.quarter)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(folds.slice(2).map((p) => p.predictedMinor - p.actualMinor)).toEqual([0, 0]);
    expect(folds[0].predictedMinor).not.toBe(folds[0].actualMinor);
    const mape = folds.reduce((s, p) => s + Math.abs(p.actualMinor - p.predictedMinor) / p.actualMinor, 0) / 4;
    expect(stat.backtest.mape).toBeCloseTo(mape, 3);
    // Within a minor unit: the folds shown are rounded, the error is computed before rounding.
    expect(Math.abs(stat.backtest.maeMinor - folds.reduce((s, p) => s + Math.abs(p.actualMinor - p.predictedMinor), 0) / 4)).toBeLessThanOrEqual(1);
    expect(stat.points.find((p: { quarter: string }) => p.quarter === '2026-Q1')).toMatchObject({ lowMinor: 3_000_000, highMinor: 3_000_000 });

    // A rep has no won deals of their own: their forecast says so.
    expect((await get(repA, '/api/v1/forecast/statistical?asOf=2026-01-15')).notEnoughHistory).toMatchObject({ have: 0, need: 4 });
    // Six quarters of history: trend only, and the reader is told seasonality needs eight.
    const short = await get(w.admin, '/api/v1/forecast/statistical?asOf=2025-01-15&lang=zh-TW');
    expect(short).toMatchObject({ model: 'trend', historyQuarters: 6 });
    expect(short.notEnoughHistory.message).toBe('僅按趨勢預測：歷史 6 個季度，季節性需要 8 個季度');

    const win = await get(w.admin, '/api/v1/forecast/win-probability');
    expect(win.model).toMatchObject({ trained: true, closedDeals: 41, won: 21, lost: 20, notEnoughHistory: null });
    expect(win.model.heldOut).toBeGreaterThanOrEqual(4);
    // Won deals were large and lost ones small: the held-out ranking is perfect.
    expect(win.model.auc).toBe(1);
    const byName = new Map(win.data.map((x: { name: string }) => [x.name, x]));
    const b1 = byName.get('B1') as { modelProbability: number; stageProbability: number; effectiveCategory: string; canEdit: boolean };
    const a3 = byName.get('A3') as { modelProbability: number; stageProbability: number };
    expect(b1.modelProbability).toBeGreaterThan(a3.modelProbability);
    expect([b1.stageProbability, a3.stageProbability, b1.effectiveCategory]).toEqual([10, 95, 'commit']);
    expect(win.total).toBe(6);

    const mine = await get(repA, '/api/v1/forecast/win-probability?limit=2');
    expect(mine.total).toBe(4);
    expect(mine.data.map((x: { name: string; canEdit: boolean }) => [x.name, x.canEdit])).toEqual([['A1', true], ['A2', true]]);
    const read = await get(viewer, '/api/v1/forecast/win-probability');
    expect(read.data.every((x: { canEdit: boolean }) => !x.canEdit)).toBe(true);
  });

  it('refuses a role that cannot see amounts', async () => {
    await w.t.database.query(`update roles set field_rules = '{"deal":{"amountMinor":"hidden"}}' where workspace_id = $1 and key = 'viewer'`, [w.workspaceId]);
    const res = await inject(viewer, 'GET', '/api/v1/forecast/pipeline');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('sales.forecast_amount_hidden');
  });
});
