import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '@voyage/testing';
import { createWorld, type World } from './helpers';

// The kanban's column counts and amounts come from deal_board_totals, kept by a trigger on deals.
// After every kind of write they must equal what the deals themselves add up to, for each reader.
let w: World;
let rep: SignedIn;
let other: SignedIn;
type Who = { headers: Record<string, string> };
interface Stage { id: string; version: number }
interface Column { stage: Stage; count: number; totals: Array<{ currency: string; amountMinor: number }> }
const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
let pipelineId: string;
let stages: Stage[];

beforeAll(async () => {
  w = await createWorld();
  rep = await w.member('rep', 'Board rep');
  other = await w.member('rep', 'Other rep');
  const [pipeline] = (await inject(w.admin, 'GET', '/api/v1/pipelines')).json().data as Array<{ id: string; stages: Stage[] }>;
  pipelineId = pipeline.id;
  stages = pipeline.stages;
});
afterAll(() => w.t.close());

/** The board's columns as [count, {currency: amount}] per stage. */
async function board(who: Who, extra = ''): Promise<Array<[number, Record<string, number>]>> {
  const res = await inject(who, 'GET', `/api/v1/deals/board?pipelineId=${pipelineId}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().columns as Column[]).map((c) => [c.count, Object.fromEntries(c.totals.map((t) => [t.currency, t.amountMinor]))]);
}

/** The same figures summed from the deal list the reader sees (every page). */
async function fromList(who: Who): Promise<Array<[number, Record<string, number>]>> {
  const out = stages.map((): [number, Record<string, number>] => [0, {}]);
  let cursor: string | null = null;
  do {
    const res = await inject(who, 'GET', `/api/v1/deals?filter[pipelineId][eq]=${pipelineId}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    for (const d of res.json().data as Array<{ stageId: string; currency: string; amountMinor: number }>) {
      const cell = out[stages.findIndex((s) => s.id === d.stageId)];
      cell[0] += 1;
      cell[1][d.currency] = (cell[1][d.currency] ?? 0) + d.amountMinor;
    }
    cursor = res.json().nextCursor;
  } while (cursor);
  return out;
}

const create = async (who: Who, body: Record<string, unknown>) => {
  const res = await inject(who, 'POST', '/api/v1/deals', { pipelineId, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
};

describe('kanban column totals', () => {
  it('follow creates, moves, edits, reassignment, trash and restore, for the admin and each rep', async () => {
    const a = await create(rep, { name: 'A', amountMinor: 100_000 });
    const b = await create(rep, { name: 'B', amountMinor: 250_000, currency: 'USD' });
    const c = await create(other, { name: 'C', amountMinor: 40_000 });
    await create(w.admin, { name: 'Unowned', amountMinor: 7_000, ownerId: null });
    expect(await board(w.admin)).toEqual(await fromList(w.admin));
    expect((await board(w.admin))[0]).toEqual([4, { CNY: 147_000, USD: 250_000 }]);
    expect((await board(rep))[0]).toEqual([2, { CNY: 100_000, USD: 250_000 }]);

    // Move, change the amount and currency, reassign, trash, restore.
    const moved = await inject(rep, 'POST', `/api/v1/deals/${a.id}/move`, { stageId: stages[1].id, version: a.version });
    expect(moved.statusCode, moved.body).toBe(200);
    const edited = await inject(rep, 'PATCH', `/api/v1/deals/${b.id}`, { version: b.version, amountMinor: 300_000, currency: 'CNY' });
    expect(edited.statusCode, edited.body).toBe(200);
    const assigned = await inject(w.admin, 'POST', '/api/v1/deals/bulk', { action: 'assign', ids: [c.id], ownerId: rep.userId });
    expect(assigned.json().results[0].ok, assigned.body).toBe(true);
    expect((await inject(w.admin, 'DELETE', `/api/v1/deals/${a.id}`)).statusCode).toBe(204);
    for (const who of [w.admin, rep, other]) expect(await board(who)).toEqual(await fromList(who));
    expect((await board(rep))[0]).toEqual([2, { CNY: 340_000 }]);
    expect((await board(rep))[1]).toEqual([0, {}]);
    expect((await board(other))[0]).toEqual([0, {}]);
    expect((await inject(w.admin, 'POST', `/api/v1/deals/${a.id}/restore`)).statusCode).toBe(204);
    expect((await board(rep))[1]).toEqual([1, { CNY: 100_000 }]);

    // A deal shared with the other rep counts on their board, once.
    const shared = await inject(rep, 'POST', '/api/v1/shares', { object: 'deal', recordId: a.id, userId: other.userId, access: 'read' });
    expect(shared.statusCode, shared.body).toBe(201);
    expect((await board(other))[1]).toEqual([1, { CNY: 100_000 }]);
    for (const who of [w.admin, rep, other]) expect(await board(who)).toEqual(await fromList(who));

    // The owner filter reads the same totals; a close-date filter sums the deals themselves.
    expect((await board(w.admin, `&ownerId=${rep.userId}`))).toEqual(await board(rep));
    expect((await board(w.admin, '&closeFrom=2000-01-01'))[0]).toEqual([0, {}]);
  });
});
