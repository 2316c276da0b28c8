import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createWorld, type SignedIn, type World } from '@voyage/testing';
import { processReadyRuns } from '../src/engine/run-steps';
import { api } from './actions-fixtures';

/*
 * The large-deal approval template (issue 6 item 5): an open deal goes to approval when its amount
 * is above the threshold or a product line's discount is above its price book's maximum, and
 * not a second time while a request is pending.
 */
let w: World;
let call: ReturnType<typeof api>;
let manager: SignedIn;
let rep: SignedIn;
let workflowId: string;
const ids = { seat: '', book: '' };
const q = <T>(text: string, params: unknown[] = []) => w.t.database.query<T>(text, params);

async function tick(): Promise<void> {
  await w.t.services.outbox.dispatch();
  await processReadyRuns({ env: w.t.env, database: w.t.database, send: (n, d, o) => w.t.services.jobs.send(n, d, o), now: new Date() });
  await w.t.services.outbox.dispatch();
}
const requestsFor = (dealId: string) => q<{ status: string }>('select status from approval_requests where workspace_id = $1 and record_id = $2 order by created_at', [w.workspaceId, dealId]);
const runsFor = (dealId: string) => q<{ status: string }>('select status from workflow_runs where workflow_id = $1 and record_id = $2 order by started_at', [workflowId, dealId]);
const version = async (dealId: string) => (await q<{ version: number }>('select version from deals where id = $1', [dealId]))[0].version;
async function setLines(dealId: string, discountPct: number, quantity = 10) {
  const res = await call(rep, 'PUT', `/api/v1/deals/${dealId}/lines`, { version: await version(dealId), lines: [{ productId: ids.seat, quantity, discountPct }] });
  expect(res.statusCode, res.body).toBe(200);
  await tick();
}
const newDeal = async (name: string, amountMinor = 0) => {
  const res = await call(rep, 'POST', '/api/v1/deals', { name, amountMinor, currency: 'CNY' });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
};

beforeAll(async () => {
  w = await createWorld();
  call = api(w);
  manager = await w.as(await addMember(w.t.database, w.workspaceId, w.roleIds.manager, { name: 'Manager' }));
  rep = await w.as(await addMember(w.t.database, w.workspaceId, w.roleIds.rep, { name: 'Rep', supervisorId: manager.userId }));
  const post = async (url: string, body: unknown) => {
    const res = await call(w.admin, 'POST', url, body);
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  ids.seat = await post('/api/v1/products', { sku: 'SEAT', name: 'Seat', unit: 'seat' });
  ids.book = await post('/api/v1/price-books', { name: 'Standard', currency: 'CNY', isDefault: true });
  expect((await call(w.admin, 'PUT', `/api/v1/price-books/${ids.book}/entries`, { entries: [{ productId: ids.seat, listPriceMinor: 1_000_00, maxDiscountPct: 10 }] })).statusCode).toBe(200);
  const processId = await post('/api/v1/approval-processes', { object: 'deal', name: 'Large deals', steps: [{ name: 'Manager', approver: { kind: 'user', userId: manager.userId } }] });
  const installed = await call(w.admin, 'POST', '/api/v1/workflow-templates/large_deal_approval/install', { thresholdMinor: 100_000_00, processId });
  expect(installed.statusCode, installed.body).toBe(201);
  const wf = installed.json() as { id: string; version: number };
  workflowId = wf.id;
  const published = await call(w.admin, 'POST', `/api/v1/workflows/${wf.id}/publish`, { version: wf.version });
  expect(published.statusCode, published.body).toBe(200);
  const on = await call(w.admin, 'PUT', `/api/v1/workflows/${wf.id}/status`, { version: published.json().version, status: 'on' });
  expect(on.statusCode, on.body).toBe(200);
});
afterAll(() => w.t.close());

describe('large-deal approval template', () => {
  it('asks when a line\'s discount goes above its price book\'s maximum, once while the request is pending', async () => {
    const deal = await newDeal('Discounted');
    await setLines(deal, 5);
    expect(await requestsFor(deal)).toEqual([]);
    const view = (await call(rep, 'GET', `/api/v1/deals/${deal}/lines`)).json() as { lines: Array<{ needsApproval: boolean }> };
    expect(view.lines.map((l) => l.needsApproval)).toEqual([false]);

    await setLines(deal, 15);
    expect(await requestsFor(deal)).toEqual([{ status: 'pending' }]);
    // Still above the maximum, the amount changes again: no second request, and no failed run.
    await setLines(deal, 20);
    expect(await requestsFor(deal)).toEqual([{ status: 'pending' }]);
    expect((await runsFor(deal)).map((r) => r.status)).toEqual(['waiting']);
  });

  it('asks when the amount goes above the threshold, not below it', async () => {
    const small = await newDeal('Small', 10_000_00);
    const patch = async (id: string, amountMinor: number) => {
      const res = await call(rep, 'PATCH', `/api/v1/deals/${id}`, { version: await version(id), amountMinor });
      expect(res.statusCode, res.body).toBe(200);
      await tick();
    };
    await patch(small, 50_000_00);
    expect(await requestsFor(small)).toEqual([]);
    await patch(small, 150_000_00);
    expect(await requestsFor(small)).toEqual([{ status: 'pending' }]);
    // Lines within the maximum under the threshold ask nothing.
    const modest = await newDeal('Modest');
    await setLines(modest, 10, 5);
    expect(await requestsFor(modest)).toEqual([]);
  });
});
