import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '@voyage/testing';
import { performanceRollups } from '../src/performance/range-split';
import { createWorld, type World } from './helpers';

// A reader who sees every record gets the sales performance report from rollups kept by
// triggers (whole UTC days and months) plus the records of the partial days at the range's
// edges. Whatever the writes, the time zone and the range, the report must be the one the
// records themselves give (the rollups switched off), and the kept rollups what a rebuild sums.
let w: World;
let reps: SignedIn[];
type Who = { headers: Record<string, string> };
interface Stage { id: string; kind: 'open' | 'won' | 'lost'; position: number }
interface Pipeline { id: string; stages: Stage[] }
const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
const exec = (query: ReturnType<typeof sql>) => w.t.database.db.execute(query);
const rows = async <T>(query: ReturnType<typeof sql>) => ((await exec(query)) as unknown as { rows: T[] }).rows;
let pipelines: Pipeline[];
const dealIds: string[] = [];
const taskIds: string[] = [];

// A fixed pseudo-random sequence: the same data set on every run.
let state = 20261123;
const rnd = () => (state = (state * 48271) % 2147483647) / 2147483647;
const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)];
const DAY = 86_400_000;
/** A time between 2025-10-25 and 2027-01-10, often right at a UTC or a local midnight. */
function someTime(): Date {
  const day = Date.UTC(2025, 9, 25) + Math.floor(rnd() * 443) * DAY;
  const minute = pick([0, 1, 5 * 60 + 29, 5 * 60 + 31, 13 * 60 + 30, 18 * 60 + 29, 18 * 60 + 30, 18 * 60 + 31, 23 * 60 + 59, Math.floor(rnd() * 1440)]);
  return new Date(day + minute * 60_000);
}

async function createDeal(i: number): Promise<void> {
  const owner = pick(reps);
  const pipeline = pick(pipelines);
  const created = await inject(owner, 'POST', '/api/v1/deals', { name: `R${i}`, amountMinor: 1_000 + Math.floor(rnd() * 90_000), currency: pick(['CNY', 'CNY', 'USD']), pipelineId: pipeline.id });
  expect(created.statusCode, created.body).toBe(201);
  let deal = created.json() as { id: string; version: number };
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  const path = open.filter((s) => s.position > 0 && rnd() < 0.5);
  const end = rnd();
  if (end < 0.35) path.push(pipeline.stages.find((s) => s.kind === 'won')!);
  else if (end < 0.6) path.push(pipeline.stages.find((s) => s.kind === 'lost')!);
  for (const stage of path) {
    // Moves are made by the owner or by the admin.
    const res = await inject(pick([owner, owner, w.admin]), 'POST', `/api/v1/deals/${deal.id}/move`, { stageId: stage.id, version: deal.version, wonReason: 'ok', lostReason: 'price' });
    expect(res.statusCode, res.body).toBe(200);
    deal = res.json();
  }
  // Spread over the months: the deal's creation, its moves after it and its close last.
  const createdAt = someTime();
  await exec(sql`update deals set created_at = ${createdAt.toISOString()}::timestamptz where id = ${deal.id}::uuid`);
  const history = await rows<{ id: string }>(sql`select id from deal_stage_history where deal_id = ${deal.id}::uuid order by changed_at, id`);
  let t = createdAt.getTime();
  for (const h of history) {
    await exec(sql`update deal_stage_history set changed_at = ${new Date(t).toISOString()}::timestamptz where id = ${h.id}::uuid`);
    t += Math.floor(rnd() * 40 * DAY);
  }
  await exec(sql`update deals set closed_at = ${new Date(t).toISOString()}::timestamptz where id = ${deal.id}::uuid and status <> 'open'`);
  dealIds.push(deal.id);
}

async function createTask(i: number): Promise<void> {
  const owner = pick(reps);
  const created = await inject(owner, 'POST', '/api/v1/tasks', { title: `T${i}` });
  expect(created.statusCode, created.body).toBe(201);
  const task = created.json() as { id: string; version: number };
  if (rnd() < 0.8) {
    const done = await inject(owner, 'POST', `/api/v1/tasks/${task.id}/complete`, { version: task.version });
    expect(done.statusCode, done.body).toBe(200);
    await exec(sql`update tasks set completed_at = ${someTime().toISOString()}::timestamptz where id = ${task.id}::uuid`);
  }
  taskIds.push(task.id);
}

const RANGES = [
  ['2025-10-01', '2027-01-31'], ['2026-01-01', '2026-12-31'], ['2025-12-15', '2026-03-02'], ['2026-02-10', '2026-02-10'],
  ['2026-03-01', '2026-03-31'], ['2025-10-26', '2026-01-05'], ['2026-06-30', '2026-07-01'], ['2026-11-03', '2026-12-30'],
];

async function report(query: string, rollups: boolean): Promise<unknown> {
  performanceRollups.enabled = rollups;
  try {
    const res = await inject(w.admin, 'GET', `/api/v1/sales-performance?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  } finally {
    performanceRollups.enabled = true;
  }
}

/** Every range and filter, in each time zone: the report from the rollups equals the one from the records. */
async function expectSameReports(): Promise<void> {
  let figures = 0;
  for (const timezone of ['Asia/Kolkata', 'America/New_York', 'UTC']) {
    await exec(sql`update workspaces set timezone = ${timezone} where id = ${w.workspaceId}::uuid`);
    for (const [from, to] of RANGES) {
      for (const extra of ['', `&pipelineId=${pipelines[1].id}`, '&currency=USD&sort=activities']) {
        const query = `from=${from}&to=${to}${extra}`;
        const fromRollups = await report(query, true) as { totals: { wonCount: number; lostCount: number; activities: number }; funnel: { cohort: number } };
        expect(fromRollups, `${timezone} ${query}`).toEqual(await report(query, false));
        figures += fromRollups.totals.wonCount + fromRollups.totals.lostCount + fromRollups.totals.activities + fromRollups.funnel.cohort;
      }
    }
  }
  // The comparisons were not of empty reports.
  expect(figures).toBeGreaterThan(500);
}

/** The rollup rows the triggers kept (zero rows left out), then what a rebuild from the records gives. */
async function expectRollupsAsRebuilt(): Promise<void> {
  const snapshot = async () => ({
    closed: await rows(sql`select grain, bucket::text, pipeline_id, owner_id, currency, status, deal_count::int, amount_minor::text, cycle_seconds::float8 from deal_closed_rollups where workspace_id = ${w.workspaceId}::uuid and deal_count <> 0 order by 1, 2, 3, 4, 5, 6`),
    moves: await rows(sql`select grain, bucket::text, pipeline_id, user_id, move_count::int from deal_move_rollups where workspace_id = ${w.workspaceId}::uuid and move_count <> 0 order by 1, 2, 3, 4`),
    tasks: await rows(sql`select grain, bucket::text, owner_id, task_count::int from task_done_rollups where workspace_id = ${w.workspaceId}::uuid and task_count <> 0 order by 1, 2, 3`),
    funnel: await rows(sql`select pipeline_id, grain, bucket::text, reached::text, deal_count::int from deal_funnel_rollups where workspace_id = ${w.workspaceId}::uuid and deal_count <> 0 order by 1, 2, 3, 4`),
  });
  const kept = await snapshot();
  expect(kept.closed.length * kept.moves.length * kept.tasks.length * kept.funnel.length).toBeGreaterThan(0);
  await exec(sql`select sales_performance_rollups_rebuild(${w.workspaceId}::uuid)`);
  expect(kept).toEqual(await snapshot());
}

beforeAll(async () => {
  w = await createWorld();
  reps = [w.admin, await w.member('rep', '阿明'), await w.member('rep', '阿红')];
  expect((await inject(w.admin, 'POST', '/api/v1/pipelines', { name: '续约' })).statusCode).toBe(201);
  pipelines = (await inject(w.admin, 'GET', '/api/v1/pipelines')).json().data as Pipeline[];
  expect(pipelines).toHaveLength(2);
  for (let i = 0; i < 60; i++) await createDeal(i);
  for (let i = 0; i < 40; i++) await createTask(i);
}, 120_000);
afterAll(() => w.t.close());

describe('sales performance rollups', () => {
  it('give the report the records give, for every range, filter and time zone', async () => {
    await expectSameReports();
    await expectRollupsAsRebuilt();
  }, 120_000);

  it('follow trash, restore, reassignment, edits across days, status, currency and pipeline changes, and deletes', async () => {
    const deal = async (id: string) => (await inject(w.admin, 'GET', `/api/v1/deals/${id}`)).json() as { id: string; version: number; status: string; pipelineId: string };
    // Trash three deals, restore one.
    for (const id of dealIds.slice(0, 3)) expect((await inject(w.admin, 'DELETE', `/api/v1/deals/${id}`)).statusCode).toBe(204);
    expect((await inject(w.admin, 'POST', `/api/v1/deals/${dealIds[1]}/restore`)).statusCode).toBe(204);
    // Reassign two deals to another owner.
    const assigned = await inject(w.admin, 'POST', '/api/v1/deals/bulk', { action: 'assign', ids: dealIds.slice(3, 5), ownerId: reps[1].userId });
    expect(assigned.json().results.every((r: { ok: boolean }) => r.ok), assigned.body).toBe(true);
    // Change amount and currency of a closed deal and of an open one.
    const closed = (await rows<{ id: string }>(sql`select id from deals where workspace_id = ${w.workspaceId}::uuid and status = 'won' and deleted_at is null order by id limit 2`)).map((r) => r.id);
    const openDeal = (await rows<{ id: string }>(sql`select id from deals where workspace_id = ${w.workspaceId}::uuid and status = 'open' and deleted_at is null order by id limit 1`))[0].id;
    for (const id of [closed[0], openDeal]) {
      const d = await deal(id);
      const res = await inject(w.admin, 'PATCH', `/api/v1/deals/${id}`, { version: d.version, amountMinor: 123_456, currency: 'USD' });
      expect(res.statusCode, res.body).toBe(200);
    }
    // Reopen a won deal (its status goes back to open), then close it as lost.
    const reopen = await deal(closed[1]);
    const stages = pipelines.find((p) => p.id === reopen.pipelineId)!.stages;
    const reopened = await inject(w.admin, 'POST', `/api/v1/deals/${closed[1]}/move`, { stageId: stages.find((s) => s.kind === 'open')!.id, version: reopen.version });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect((await deal(closed[1])).status).toBe('open');
    const lost = await inject(w.admin, 'POST', `/api/v1/deals/${closed[1]}/move`, { stageId: stages.find((s) => s.kind === 'lost')!.id, version: reopened.json().version, lostReason: 'price' });
    expect(lost.statusCode, lost.body).toBe(200);
    // Edits across day and month boundaries: closes, creations and moves shifted by minutes.
    await exec(sql`update deals set closed_at = date_trunc('day', closed_at) - interval '1 minute' where workspace_id = ${w.workspaceId}::uuid and id in (select id from deals where workspace_id = ${w.workspaceId}::uuid and closed_at is not null order by id limit 5)`);
    await exec(sql`update deals set created_at = date_trunc('month', created_at) - interval '30 seconds' where workspace_id = ${w.workspaceId}::uuid and id in (select id from deals where workspace_id = ${w.workspaceId}::uuid order by id desc limit 5)`);
    await exec(sql`update deal_stage_history set changed_at = date_trunc('day', changed_at) + interval '1 day' where workspace_id = ${w.workspaceId}::uuid and id in (select id from deal_stage_history where workspace_id = ${w.workspaceId}::uuid and from_stage_id is not null order by id limit 8)`);
    // A deal moved to the other pipeline, a move credited to another member.
    const moved = await rows<{ id: string }>(sql`select id from deals where workspace_id = ${w.workspaceId}::uuid and pipeline_id = ${pipelines[0].id}::uuid and deleted_at is null order by id limit 1`);
    const target = pipelines[1].stages.find((s) => s.kind === 'open')!;
    await exec(sql`update deals set pipeline_id = ${pipelines[1].id}::uuid, stage_id = ${target.id}::uuid where id = ${moved[0].id}::uuid`);
    await exec(sql`update deal_stage_history set changed_by = ${reps[2].userId}::uuid where id in (select id from deal_stage_history where workspace_id = ${w.workspaceId}::uuid and from_stage_id is not null order by id desc limit 3)`);
    // Deleted outright: a live deal and a trashed one (with their history).
    await exec(sql`delete from deals where id = ${dealIds[5]}::uuid`);
    await exec(sql`delete from deals where id = ${dealIds[0]}::uuid`);
    // Tasks: trashed, restored, reassigned, reopened.
    expect((await inject(w.admin, 'DELETE', `/api/v1/tasks/${taskIds[0]}`)).statusCode).toBe(204);
    expect((await inject(w.admin, 'DELETE', `/api/v1/tasks/${taskIds[1]}`)).statusCode).toBe(204);
    expect((await inject(w.admin, 'POST', `/api/v1/tasks/${taskIds[1]}/restore`)).statusCode).toBe(200);
    const done = await rows<{ id: string; version: number }>(sql`select id, version from tasks where workspace_id = ${w.workspaceId}::uuid and status = 'done' and deleted_at is null order by id limit 2`);
    const reassigned = await inject(w.admin, 'PATCH', `/api/v1/tasks/${done[0].id}`, { version: done[0].version, ownerId: reps[2].userId });
    expect(reassigned.statusCode, reassigned.body).toBe(200);
    const reopenedTask = await inject(w.admin, 'POST', `/api/v1/tasks/${done[1].id}/reopen`, { version: done[1].version });
    expect(reopenedTask.statusCode, reopenedTask.body).toBe(200);
    await exec(sql`update tasks set completed_at = date_trunc('day', completed_at) - interval '1 second' where workspace_id = ${w.workspaceId}::uuid and id in (select id from tasks where workspace_id = ${w.workspaceId}::uuid and status = 'done' order by id desc limit 4)`);

    await expectSameReports();
    await expectRollupsAsRebuilt();
  }, 180_000);
});
