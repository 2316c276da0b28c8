import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type SignedIn } from '@voyage/testing';
import { createWorld, type World } from './helpers';

let w: World;
type Who = { headers: Record<string, string> };
const inject = (who: Who, method: 'GET' | 'POST', url: string, payload?: unknown) => w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
interface Stage { id: string; kind: string; position: number }
interface Rep { rank: number; userId: string; name: string; wonCount: number; wonAmountMinor: number; lostCount: number; winRate: number | null; avgCycleDays: number | null; tasksCompleted: number; stageMoves: number; activities: number; openPipelineMinor: number; openCount: number }
interface Report { totals: Record<string, number | null>; reps: Rep[]; funnel: { cohort: number; steps: Array<{ stageId: string | null; name: string; kind: string; reached: number; conversionToNext: number | null; conversionFromFirst: number | null }> }; activitiesNote: string }

let stages: Stage[];
let repA: SignedIn; let repB: SignedIn; let team: string;
const exec = (query: ReturnType<typeof sql>) => w.t.database.db.execute(query);
const RANGE = 'from=2026-01-01&to=2026-01-31';

/** A deal created on `createdOn`, moved through `path` (stage positions; 4 won, 5 lost), closed on `closedOn`. */
async function deal(who: SignedIn, amountMinor: number, path: number[], createdOn: string, closedOn?: string): Promise<void> {
  let d = (await inject(who, 'POST', '/api/v1/deals', { name: `D ${amountMinor}`, amountMinor })).json();
  for (const position of path) {
    const stage = stages.find((s) => s.position === position)!;
    const res = await inject(who, 'POST', `/api/v1/deals/${d.id}/move`, { stageId: stage.id, version: d.version, wonReason: 'ok', lostReason: 'price' });
    expect(res.statusCode, res.body).toBe(200);
    d = res.json();
  }
  await exec(sql`update deals set created_at = ${`${createdOn}T02:00:00Z`}::timestamptz, closed_at = ${closedOn ? `${closedOn}T02:00:00Z` : null}::timestamptz where id = ${d.id}::uuid`);
  await exec(sql`update deal_stage_history set changed_at = ${`${createdOn}T03:00:00Z`}::timestamptz where deal_id = ${d.id}::uuid`);
}

beforeAll(async () => {
  w = await createWorld();
  team = (await inject(w.admin, 'POST', '/api/v1/departments', { name: '华南区' })).json().id;
  repA = await w.as(await addMember(w.t.database, w.workspaceId, w.roleIds.rep, { name: '阿明' }));
  repB = await w.as(await addMember(w.t.database, w.workspaceId, w.roleIds.rep, { name: '阿红', departmentId: team }));
  stages = ((await inject(w.admin, 'GET', '/api/v1/pipelines')).json().data[0] as { stages: Stage[] }).stages;
  // Rep A: two won (10 and 20 days), one lost, one open. Rep B: one won (4 days), one open in 方案报价.
  await deal(repA, 1_000, [2, 4], '2026-01-01', '2026-01-11');
  await deal(repA, 3_000, [1, 2, 3, 4], '2026-01-05', '2026-01-25');
  await deal(repA, 800, [1, 5], '2026-01-06', '2026-01-20');
  await deal(repA, 500, [], '2026-01-07');
  await deal(repB, 2_000, [4], '2026-01-10', '2026-01-14');
  await deal(repB, 700, [2], '2026-01-12');
  // Closed in February: outside the range.
  await deal(repB, 9_000, [4], '2026-01-02', '2026-02-03');
  const task = (await inject(repA, 'POST', '/api/v1/tasks', { title: '回访客户' })).json();
  expect((await inject(repA, 'POST', `/api/v1/tasks/${task.id}/complete`, { version: task.version })).statusCode).toBe(200);
  await exec(sql`update tasks set completed_at = '2026-01-15T02:00:00Z' where id = ${task.id}::uuid`);
});
afterAll(() => w.t.close());

describe('sales performance', () => {
  it('ranks reps by won amount with win rate, cycle, activities and open pipeline', async () => {
    const res = await inject(w.admin, 'GET', `/api/v1/sales-performance?${RANGE}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Report;
    expect(r.reps.map((x) => [x.rank, x.name])).toEqual([[1, '阿明'], [2, '阿红']]);
    expect(r.reps[0]).toMatchObject({ wonCount: 2, wonAmountMinor: 4_000, lostCount: 1, winRate: 0.667, avgCycleDays: 15, tasksCompleted: 1, stageMoves: 8, activities: 9, openCount: 1, openPipelineMinor: 500 });
    // The deal won in February is outside the range; its move (January) is not.
    expect(r.reps[1]).toMatchObject({ wonCount: 1, wonAmountMinor: 2_000, lostCount: 0, winRate: 1, avgCycleDays: 4, stageMoves: 3, openPipelineMinor: 700 });
    expect(r.totals).toMatchObject({ wonCount: 3, wonAmountMinor: 6_000, lostCount: 1, winRate: 0.75, avgCycleDays: 11.3, activities: 12, openPipelineMinor: 1_200 });
    const byRate = (await inject(w.admin, 'GET', `/api/v1/sales-performance?${RANGE}&sort=winRate`)).json() as Report;
    expect(byRate.reps.map((x) => x.name)).toEqual(['阿红', '阿明']);
    const byCycle = (await inject(w.admin, 'GET', `/api/v1/sales-performance?${RANGE}&sort=avgCycleDays`)).json() as Report;
    expect(byCycle.reps.map((x) => x.name)).toEqual(['阿红', '阿明']);
  });

  it('builds the stage funnel from the stage history (skipped stages count as passed)', async () => {
    const r = (await inject(w.admin, 'GET', `/api/v1/sales-performance?${RANGE}&lang=zh-CN`)).json() as Report;
    expect(r.funnel.cohort).toBe(7);
    expect(r.funnel.steps.map((s) => [s.name, s.reached, s.conversionToNext])).toEqual([
      ['初步接洽', 7, 0.857], ['需求确认', 6, 0.833], ['方案报价', 5, 0.8], ['谈判审批', 4, 1], ['赢单', 4, null],
    ]);
    expect(r.funnel.steps[4].conversionFromFirst).toBe(0.571);
    expect(r.activitiesNote).toContain('跟进记录暂未计入');
  });

  it('shows a rep only their own figures and funnel', async () => {
    const r = (await inject(repA, 'GET', `/api/v1/sales-performance?${RANGE}`)).json() as Report;
    expect(r.reps.map((x) => x.name)).toEqual(['阿明']);
    expect(r.totals).toMatchObject({ wonCount: 2, wonAmountMinor: 4_000, lostCount: 1 });
    expect(r.funnel.cohort).toBe(4);
    expect(r.funnel.steps.map((s) => s.reached)).toEqual([4, 3, 2, 2, 2]);
  });

  it('filters by department and refuses an unknown one with 422 naming the field', async () => {
    const r = (await inject(w.admin, 'GET', `/api/v1/sales-performance?${RANGE}&departmentId=${team}`)).json() as Report;
    expect(r.reps.map((x) => x.name)).toEqual(['阿红']);
    expect(r.funnel.cohort).toBe(3);
    const bad = await inject(w.admin, 'GET', `/api/v1/sales-performance?${RANGE}&departmentId=0190a0a0-0000-7000-8000-000000000000`);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.fields[0].field).toBe('departmentId');
    const backwards = await inject(w.admin, 'GET', '/api/v1/sales-performance?from=2026-02-01&to=2026-01-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details.fields[0].field).toBe('to');
    const noDates = await inject(w.admin, 'GET', '/api/v1/sales-performance');
    expect(noDates.statusCode).toBe(400);
  });

  it('refuses a role without the right to read deals', async () => {
    const role = await inject(w.admin, 'POST', '/api/v1/roles', { name: 'No deals', dataScope: 'own', permissions: { deal: { read: false } } });
    expect(role.statusCode, role.body).toBe(201);
    const outsider = await w.as(await addMember(w.t.database, w.workspaceId, role.json().id, { name: 'Outsider' }));
    expect((await inject(outsider, 'GET', `/api/v1/sales-performance?${RANGE}`)).statusCode).toBe(403);
    expect((await inject(outsider, 'GET', '/api/v1/targets?year=2026')).statusCode).toBe(403);
  });
});
