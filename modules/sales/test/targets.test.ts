import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type SignedIn } from '@voyage/testing';
import { createWorld, type World } from './helpers';

let w: World;
type Who = { headers: Record<string, string> };
const inject = (who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
interface Cell { id: string; period: string; amountMinor: number; version: number }
interface Row { scope: string; scopeId: string | null; name: string; depth: number; editable: boolean; cells: Cell[]; monthSums: Record<string, number>; warnings: Array<{ period: string; parts: string; partsSumMinor: number; targetMinor: number }> }
interface Grid { canEdit: boolean; currency: string; rows: Row[] }
interface ProgressPeriod { period: string; targetMinor: number | null; actualMinor: number | null; percent: number | null; expectedMinor: number | null; pace: string }
interface Progress { unavailableReason: string | null; rows: Array<{ scope: string; scopeId: string | null; name: string; periods: ProgressPeriod[] }> }

let east: string; let shanghai: string; let south: string;
let manager: SignedIn; let repShanghai: SignedIn; let repSouth: SignedIn;
const grid = async (who: Who, year = 2026) => (await inject(who, 'GET', `/api/v1/targets?year=${year}&metric=new_sales`)).json() as Grid;
const row = (g: Grid, name: string) => g.rows.find((r) => r.name === name)!;
const cell = (r: Row, period: string) => r.cells.find((c) => c.period === period);
const month = (m: number, year = 2026) => `${year}-${String(m).padStart(2, '0')}-01`;

beforeAll(async () => {
  w = await createWorld();
  const dept = async (name: string, parentId?: string) => (await inject(w.admin, 'POST', '/api/v1/departments', { name, parentId })).json().id as string;
  east = await dept('华东区');
  shanghai = await dept('上海组', east);
  south = await dept('华南区');
  const member = async (role: string, name: string, departmentId: string) => w.as(await addMember(w.t.database, w.workspaceId, w.roleIds[role], { name, departmentId }));
  manager = await member('manager', '经理老王', east);
  repShanghai = await member('rep', '小李', shanghai);
  repSouth = await member('rep', '小陈', south);
});
afterAll(() => w.t.close());

describe('targets grid', () => {
  it('saves monthly, quarterly and yearly targets and warns where the months add up to something else', async () => {
    const months = Array.from({ length: 12 }, (_, i) => ({ scope: 'company', periodKind: 'month', periodStart: month(i + 1), amountMinor: 100_000 }));
    const res = await inject(w.admin, 'PUT', '/api/v1/targets', {
      metric: 'new_sales',
      cells: [...months, { scope: 'company', periodKind: 'quarter', periodStart: '2026-01-01', amountMinor: 350_000 }, { scope: 'company', periodKind: 'year', periodStart: '2026-01-01', amountMinor: 1_200_000 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ saved: 14, cleared: 0, unchanged: 0 });
    const g = await grid(w.admin);
    expect(g.canEdit).toBe(true);
    expect(g.currency).toBe('CNY');
    expect(g.rows.map((r) => [r.scope, r.name, r.depth])).toEqual([
      ['company', 'Company', 0], ['department', '华东区', 1], ['user', '经理老王', 2], ['department', '上海组', 2], ['user', '小李', 3],
      ['department', '华南区', 1], ['user', '小陈', 2], ['user', 'Admin', 1],
    ]);
    const company = row(g, 'Company');
    expect(cell(company, '2026-03')?.amountMinor).toBe(100_000);
    expect(company.monthSums['2026-Q1']).toBe(300_000);
    expect(company.monthSums['2026']).toBe(1_200_000);
    // Q1 was set to 350,000 while its months add up to 300,000: a warning, not a correction.
    expect(company.warnings).toEqual([
      { period: '2026-Q1', parts: 'months', partsSumMinor: 300_000, targetMinor: 350_000 },
      { period: '2026', parts: 'quarters', partsSumMinor: 350_000, targetMinor: 1_200_000 },
    ]);
  });

  it('refuses a stale version with 409 naming the cell, and saves nothing of that batch', async () => {
    const company = row(await grid(w.admin), 'Company');
    const march = cell(company, '2026-03')!;
    const first = await inject(w.admin, 'PUT', '/api/v1/targets', { metric: 'new_sales', cells: [{ scope: 'company', periodKind: 'month', periodStart: month(3), amountMinor: 120_000, version: march.version }] });
    expect(first.json()).toEqual({ saved: 1, cleared: 0, unchanged: 0 });
    const stale = await inject(w.admin, 'PUT', '/api/v1/targets?lang=zh-CN', {
      metric: 'new_sales',
      cells: [
        { scope: 'department', scopeId: south, periodKind: 'month', periodStart: month(3), amountMinor: 40_000 },
        { scope: 'company', periodKind: 'month', periodStart: month(3), amountMinor: 130_000, version: march.version },
      ],
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toBe('全公司 · 2026-03 的目标已被他人修改，请刷新后重新填写');
    expect(stale.json().error.details.field).toBe('cells[1].version');
    const after = await grid(w.admin);
    expect(cell(row(after, 'Company'), '2026-03')?.amountMinor).toBe(120_000);
    expect(row(after, '华南区').cells).toEqual([]);
    // A cell someone else filled in meanwhile: sent without a version, it conflicts too.
    const taken = await inject(w.admin, 'PUT', '/api/v1/targets', { metric: 'new_sales', cells: [{ scope: 'company', periodKind: 'month', periodStart: month(3), amountMinor: 1 }] });
    expect(taken.statusCode).toBe(409);
  });

  it('answers 422 naming the bad cell, and 400 for a negative amount', async () => {
    const res = await inject(w.admin, 'PUT', '/api/v1/targets', {
      metric: 'new_sales',
      cells: [
        { scope: 'department', scopeId: east, periodKind: 'month', periodStart: month(1), amountMinor: 10 },
        { scope: 'department', scopeId: east, periodKind: 'quarter', periodStart: '2026-02-01', amountMinor: 10 },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toBe('华东区 · 2026-02-01: a quarter target starts on the first day of the quarter');
    expect(res.json().error.details.fields).toEqual([expect.objectContaining({ field: 'cells[1].periodStart', code: 'period_start' })]);
    const unknown = await inject(w.admin, 'PUT', '/api/v1/targets?lang=zh-TW', { metric: 'new_sales', cells: [{ scope: 'department', scopeId: '0190a0a0-0000-7000-8000-000000000000', periodKind: 'year', periodStart: '2026-01-01', amountMinor: 10 }] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details.fields[0]).toMatchObject({ field: 'cells[0].scopeId', message: expect.stringContaining('部門不存在') });
    const negative = await inject(w.admin, 'PUT', '/api/v1/targets', { metric: 'new_sales', cells: [{ scope: 'company', periodKind: 'year', periodStart: '2026-01-01', amountMinor: -1 }] });
    expect(negative.statusCode).toBe(400);
    expect(JSON.stringify(negative.json().error.details)).toContain('amountMinor');
    expect(row(await grid(w.admin), '华东区').cells).toEqual([]);
  });

  it('refuses a rep with 403 and shows the rep only their own row and their department', async () => {
    const res = await inject(repShanghai, 'PUT', '/api/v1/targets', { metric: 'new_sales', cells: [{ scope: 'user', scopeId: repShanghai.userId, periodKind: 'month', periodStart: month(1), amountMinor: 10 }] });
    expect(res.statusCode).toBe(403);
    const g = await grid(repShanghai);
    expect(g.canEdit).toBe(false);
    expect(g.rows.map((r) => [r.name, r.editable])).toEqual([['上海组', false], ['小李', false]]);
  });

  it('lets a manager set targets of their department subtree and its reps, and nothing else', async () => {
    const ok = await inject(manager, 'PUT', '/api/v1/targets', {
      metric: 'new_sales',
      cells: [
        { scope: 'department', scopeId: shanghai, periodKind: 'month', periodStart: month(1), amountMinor: 50_000 },
        { scope: 'user', scopeId: repShanghai.userId, periodKind: 'month', periodStart: month(1), amountMinor: 30_000 },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const g = await grid(manager);
    expect(g.rows.map((r) => [r.name, r.editable])).toEqual([['华东区', true], ['经理老王', false], ['上海组', true], ['小李', true]]);
    expect(cell(row(g, '小李'), '2026-01')?.amountMinor).toBe(30_000);
    const other = await inject(manager, 'PUT', '/api/v1/targets?lang=en', { metric: 'new_sales', cells: [{ scope: 'department', scopeId: south, periodKind: 'month', periodStart: month(1), amountMinor: 1 }] });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe('You may not set the target of 华南区 · 2026-01');
    const company = await inject(manager, 'PUT', '/api/v1/targets', { metric: 'new_sales', cells: [{ scope: 'company', periodKind: 'year', periodStart: '2026-01-01', amountMinor: 1 }] });
    expect(company.statusCode).toBe(403);
    const southRep = await inject(manager, 'PUT', '/api/v1/targets', { metric: 'new_sales', cells: [{ scope: 'user', scopeId: repSouth.userId, periodKind: 'year', periodStart: '2026-01-01', amountMinor: 1 }] });
    expect(southRep.statusCode).toBe(403);
  });

  it('clears a cell with a null amount', async () => {
    const r = row(await grid(manager), '小李');
    const res = await inject(manager, 'PUT', '/api/v1/targets', { metric: 'new_sales', cells: [{ scope: 'user', scopeId: repShanghai.userId, periodKind: 'month', periodStart: month(1), amountMinor: null, version: cell(r, '2026-01')!.version }] });
    expect(res.json()).toEqual({ saved: 0, cleared: 1, unchanged: 0 });
    expect(row(await grid(manager), '小李').cells).toEqual([]);
  });
});

describe('targets progress', () => {
  const won = async (who: SignedIn, amountMinor: number, closedAt: string) => {
    const pipeline = (await inject(who, 'GET', '/api/v1/pipelines')).json().data[0] as { stages: Array<{ id: string; kind: string }> };
    const deal = (await inject(who, 'POST', '/api/v1/deals', { name: `Deal ${amountMinor}`, amountMinor })).json();
    const wonStage = pipeline.stages.find((s) => s.kind === 'won')!;
    const moved = await inject(who, 'POST', `/api/v1/deals/${deal.id}/move`, { stageId: wonStage.id, version: deal.version, wonReason: '价格' });
    expect(moved.statusCode, moved.body).toBe(200);
    // The history: when the deal was won.
    await w.t.database.db.execute(sql`update deals set closed_at = ${closedAt}::timestamptz where id = ${deal.id}::uuid`);
  };

  beforeAll(async () => {
    await won(repShanghai, 10_000, '2025-03-10T04:00:00Z');
    await won(repShanghai, 5_000, '2025-03-31T17:00:00Z'); // 1 April in Shanghai: counts in April
    await won(repSouth, 7_000, '2025-03-20T04:00:00Z');
    await won(manager, 2_000, '2025-02-01T04:00:00Z');
    await won(repSouth, 99_000, '2024-12-31T04:00:00Z'); // the year before
    const r = await inject(w.admin, 'PUT', '/api/v1/targets', {
      metric: 'new_sales',
      cells: [
        { scope: 'company', periodKind: 'month', periodStart: month(3, 2025), amountMinor: 20_000 },
        { scope: 'department', scopeId: east, periodKind: 'month', periodStart: month(3, 2025), amountMinor: 8_000 },
        { scope: 'department', scopeId: east, periodKind: 'quarter', periodStart: '2025-01-01', amountMinor: 30_000 },
        { scope: 'user', scopeId: repShanghai.userId, periodKind: 'month', periodStart: month(4, 2025), amountMinor: 10_000 },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
  });

  it('puts won deal sums beside the targets, per month, with the department counting its subtree', async () => {
    const res = await inject(w.admin, 'GET', '/api/v1/targets/progress?year=2025&periodKind=month&metric=new_sales');
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as Progress;
    const of = (name: string, period: string) => p.rows.find((r) => r.name === name)!.periods.find((x) => x.period === period)!;
    expect(of('Company', '2025-03')).toMatchObject({ targetMinor: 20_000, actualMinor: 17_000, percent: 85, expectedMinor: 20_000, pace: 'behind' });
    expect(of('Company', '2025-04')).toMatchObject({ targetMinor: null, actualMinor: 5_000, percent: null, pace: 'none' });
    expect(of('华东区', '2025-03')).toMatchObject({ targetMinor: 8_000, actualMinor: 10_000, percent: 125, pace: 'ahead' });
    expect(of('华东区', '2025-02').actualMinor).toBe(2_000);
    expect(of('上海组', '2025-03').actualMinor).toBe(10_000);
    expect(of('小李', '2025-04')).toMatchObject({ targetMinor: 10_000, actualMinor: 5_000, percent: 50 });
    expect(of('华南区', '2025-03').actualMinor).toBe(7_000);
    expect(of('华南区', '2025-01').actualMinor).toBe(0);
    const quarters = (await inject(w.admin, 'GET', '/api/v1/targets/progress?year=2025&periodKind=quarter&scope=department&scopeId=' + east)).json() as Progress;
    expect(quarters.rows.map((r) => r.name)).toEqual(['华东区']);
    expect(quarters.rows[0].periods[0]).toMatchObject({ period: '2025-Q1', targetMinor: 30_000, actualMinor: 12_000, percent: 40 });
    expect(quarters.rows[0].periods[1]).toMatchObject({ period: '2025-Q2', actualMinor: 5_000 });
  });

  it('spreads the target over the days for the pace of a period not yet over', async () => {
    const r = await inject(w.admin, 'PUT', '/api/v1/targets', { metric: 'new_sales', cells: [{ scope: 'company', periodKind: 'year', periodStart: '2099-01-01', amountMinor: 365_000 }] });
    expect(r.statusCode).toBe(200);
    const p = (await inject(w.admin, 'GET', '/api/v1/targets/progress?year=2099&periodKind=year&scope=company')).json() as Progress;
    expect(p.rows[0].periods[0]).toMatchObject({ targetMinor: 365_000, actualMinor: 0, expectedMinor: 0, pace: 'not_started' });
  });

  it('shows a rep only their own and their department\'s progress, and refuses other rows', async () => {
    const p = (await inject(repShanghai, 'GET', '/api/v1/targets/progress?year=2025&periodKind=month')).json() as Progress;
    expect(p.rows.map((r) => r.name)).toEqual(['上海组', '小李']);
    const other = await inject(repShanghai, 'GET', `/api/v1/targets/progress?year=2025&scope=department&scopeId=${south}`);
    expect(other.statusCode).toBe(404);
  });

  it('has no collected figures yet and says why in the reader\'s language', async () => {
    const p = (await inject(w.admin, 'GET', '/api/v1/targets/progress?year=2025&metric=collected&lang=zh-CN')).json() as Progress;
    expect(p.unavailableReason).toBe('回款管理尚未上线，暂无法统计回款金额。');
    expect(p.rows.every((r) => r.periods.every((x) => x.actualMinor === null && x.pace === 'none'))).toBe(true);
  });
});
