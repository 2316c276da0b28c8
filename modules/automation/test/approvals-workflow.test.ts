import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOMATION_EVENTS, type TWorkflowGraph } from '@voyage/contracts';
import { addMember, createWorld, type SignedIn, type World } from '@voyage/testing';
import { processReadyRuns } from '../src/engine/run-steps';

/*
 * A workflow asks for an approval and waits for it (A3 with A1): the request carries the run, the
 * approval's event resumes the run by the `event` edge.
 */
let w: World;
let manager: SignedIn;
let rep: SignedIn;
type Who = { headers: Record<string, string> };
const inject = (who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });

async function tick(): Promise<void> {
  await w.t.services.outbox.dispatch();
  await processReadyRuns({ env: w.t.env, database: w.t.database, send: async () => null, now: new Date() });
  await w.t.services.outbox.dispatch();
}
const runsOf = (workflowId: string) => w.t.database.query<{ id: string; status: string }>('select id, status from workflow_runs where workflow_id = $1 order by started_at', [workflowId]);
const stepsOf = (runId: string) => w.t.database.query<{ node_id: string; status: string; outcome: string | null; output: Record<string, unknown> | null }>('select node_id, status, outcome, output from workflow_steps where run_id = $1 order by started_at', [runId]);

beforeAll(async () => {
  w = await createWorld();
  manager = await w.as(await addMember(w.t.database, w.workspaceId, w.roleIds.manager, { name: 'Manager' }));
  rep = await w.as(await addMember(w.t.database, w.workspaceId, w.roleIds.rep, { name: 'Rep', supervisorId: manager.userId }));
});
afterAll(() => w.t.close());

describe('approvals in a workflow', () => {
  it('requests an approval from a run and goes on by the event edge once it is approved', async () => {
    const process = await inject(w.admin, 'POST', '/api/v1/approval-processes', { object: 'deal', name: 'From workflows', steps: [{ name: 'Manager', approver: { kind: 'user', userId: manager.userId } }] });
    expect(process.statusCode, process.body).toBe(201);
    const graph: TWorkflowGraph = {
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, trigger: { kind: 'manual', object: 'deal' } },
        { id: 'ask', type: 'action', position: { x: 0, y: 100 }, action: 'automation.request_approval', input: { processId: process.json().id } },
        { id: 'decision', type: 'wait', position: { x: 0, y: 200 }, wait: { mode: 'event', event: AUTOMATION_EVENTS.approvalApproved, timeout: { amount: 7, unit: 'days' } } },
        { id: 'approved', type: 'end', position: { x: 0, y: 300 } },
        { id: 'timedOut', type: 'end', position: { x: 200, y: 300 } },
      ],
      edges: [
        { id: 'e1', source: 't', target: 'ask' }, { id: 'e2', source: 'ask', target: 'decision' },
        { id: 'e3', source: 'decision', target: 'approved', sourceHandle: 'event' }, { id: 'e4', source: 'decision', target: 'timedOut', sourceHandle: 'timeout' },
      ],
    };
    const created = await inject(w.admin, 'POST', '/api/v1/workflows', { name: 'Ask and wait', draft: graph });
    expect(created.statusCode, created.body).toBe(201);
    const published = await inject(w.admin, 'POST', `/api/v1/workflows/${created.json().id}/publish`, { version: created.json().version });
    expect(published.statusCode, published.body).toBe(200);
    const on = await inject(w.admin, 'PUT', `/api/v1/workflows/${created.json().id}/status`, { version: published.json().version, status: 'on' });
    expect(on.statusCode, on.body).toBe(200);

    const deal = (await inject(rep, 'POST', '/api/v1/deals', { name: 'Workflow approval', amountMinor: 70_000_000 })).json() as { id: string };
    const started = await inject(w.admin, 'POST', `/api/v1/workflows/${created.json().id}/run`, { recordIds: [deal.id] });
    expect(started.statusCode, started.body).toBe(200);
    await tick();
    const [run] = await runsOf(created.json().id);
    expect(run.status).toBe('waiting');
    const ask = (await stepsOf(run.id)).find((s) => s.node_id === 'ask')!;
    const requestId = ask.output?.requestId as string;
    expect(requestId).toBeTruthy();

    const inbox = (await inject(manager, 'GET', '/api/v1/approvals?box=pending')).json() as { data: Array<{ id: string; recordId: string }> };
    expect(inbox.data).toEqual([expect.objectContaining({ id: requestId, recordId: deal.id })]);
    const decided = await inject(manager, 'POST', `/api/v1/approvals/${requestId}/decide`, { decision: 'approve', comment: 'ok' });
    expect(decided.json().status).toBe('approved');
    await tick();
    expect((await runsOf(created.json().id))[0].status).toBe('completed');
    const steps = await stepsOf(run.id);
    expect(steps.find((s) => s.node_id === 'decision')?.outcome).toBe('event');
    expect(steps.map((s) => s.node_id)).toContain('approved');
    expect(steps.map((s) => s.node_id)).not.toContain('timedOut');
  });
});
