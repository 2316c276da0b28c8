import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signIn, addMember, type World } from '@voyage/testing';
import { processReadyRuns } from '../src/engine/run-steps';
import { sweepDueWaits } from '../src/engine/sweep-timers';
import { startRunsForEvents } from '../src/engine/trigger-subscriber';
import { invalidateLiveWorkflows } from '../src/engine/workflow-cache';
import { api, calls, chain, control, createEngineWorld, createThing, liveWorkflow, THING_EVENTS, updateThing } from './engine-fixtures';

let w: World;
let call: ReturnType<typeof api>;
const HOUR = 3_600_000;

/** Delivers pending outbox events, fires waits due by `at`, and advances ready runs as of `at`. */
async function tick(moved?: Date) {
  await w.t.services.outbox.dispatch();
  // The test clock only moves forward from the real one.
  const at = moved && moved > new Date() ? moved : new Date();
  await sweepDueWaits(w.t.database, at);
  return processReadyRuns({ env: w.t.env, database: w.t.database, send: (n, d, o) => w.t.services.jobs.send(n, d, o), now: at });
}
const runsOf = (workflowId: string) =>
  w.t.database.query<{ id: string; status: string; record_id: string | null; error: { key: string } | null; depth: number }>(`select id, status, record_id, error, depth from workflow_runs where workflow_id = $1 order by started_at, depth`, [workflowId]);
const sql = (text: string, params: unknown[] = []) => w.t.database.query(text, params);

beforeAll(async () => {
  w = await createEngineWorld();
  call = api(w);
});
afterAll(() => w.t.close());
beforeEach(async () => {
  control.failing = false;
  // Every test starts with no live workflow, so one test's workflows do not react to another's records.
  await sql(`update workflows set status = 'off' where workspace_id = $1`, [w.workspaceId]);
  invalidateLiveWorkflows(w.workspaceId);
});

describe('workflow runs', () => {
  it('starts on a field change from one value to another, and runs the action once for a duplicate event', async () => {
    const id = await liveWorkflow(w, chain({ kind: 'field_changed', object: 'test_thing', field: 'stage', from: 'new', to: 'won' }, [{ type: 'action', action: 'test.record', input: { note: 'won {{name}} ({{trigger.previous.stage}})' } }]));
    const a = await createThing(w.t.database, w.workspaceId, { name: 'Alpha' });
    const b = await createThing(w.t.database, w.workspaceId, { name: 'Beta' });
    await w.t.database.db.transaction((tx) => updateThing(tx, w.workspaceId, a, { stage: 'lost' }));
    await w.t.database.db.transaction((tx) => updateThing(tx, w.workspaceId, b, { stage: 'won' }));
    await tick();
    expect((await runsOf(id)).map((r) => [r.record_id, r.status])).toEqual([[b, 'completed']]);
    expect((await calls(w)).filter((c) => c.note.startsWith('won')).map((c) => c.note)).toEqual(['won Beta (new)']);

    // The same event again (a redelivery after a crash): no second run, no second call.
    const [event] = await sql(`select * from outbox where workspace_id = $1 and event = $2 and payload->>'id' = $3`, [w.workspaceId, THING_EVENTS.updated, b]) as Array<{ id: string; payload: Record<string, unknown>; occurred_at: Date }>;
    const domainEvent = { id: event.id, workspaceId: w.workspaceId, event: THING_EVENTS.updated, eventVersion: 1, payload: event.payload, actorUserId: null, occurredAt: event.occurred_at };
    const again = await w.t.database.db.transaction((tx) => startRunsForEvents(tx, w.t.env, w.workspaceId, [domainEvent]));
    expect(again.started).toEqual([]);
    await sql(`update outbox set dispatched_at = null where id = $1`, [event.id]);
    await sql(`delete from event_deliveries where event_id = $1`, [event.id]);
    await tick();
    expect(await runsOf(id)).toHaveLength(1);
    expect((await calls(w)).filter((c) => c.note.startsWith('won'))).toHaveLength(1);

    const detail = await call(w.admin, 'GET', `/api/v1/workflow-runs/${(await runsOf(id))[0].id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ status: 'completed', recordTitle: 'Beta', steps: [{ type: 'trigger', status: 'completed' }, { type: 'action', title: 'Record a call', status: 'completed', attempt: 1, output: { recorded: 'won Beta (new)' } }] });
    const list = await call(w.admin, 'GET', `/api/v1/workflows/${id}/runs?status=completed`);
    expect(list.json().data).toHaveLength(1);
  });

  it('retries a failing step with backoff, then fails the run, and a replay continues from that step', async () => {
    const id = await liveWorkflow(w, chain({ kind: 'record_created', object: 'test_thing', filter: { op: 'and', rules: [{ field: 'name', operator: 'eq', value: 'Flaky' }] } }, [
      { type: 'action', id: 'first', action: 'test.record', input: { note: 'first {{name}}' } },
      { type: 'action', id: 'second', action: 'test.record', input: { note: 'second {{name}}' }, label: 'Second call' },
    ]));
    await createThing(w.t.database, w.workspaceId, { name: 'Not this one' });
    control.failing = true;
    await createThing(w.t.database, w.workspaceId, { name: 'Flaky' });
    const t0 = new Date();
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    await tick(at(0));
    const [failing] = await runsOf(id);
    const step = async () => (await sql(`select status, attempt, error from workflow_steps where run_id = $1 and node_id = 'first'`, [failing.id]))[0] as { status: string; attempt: number; error: string };
    expect(await step()).toMatchObject({ status: 'running', attempt: 1, error: 'the test service is down' });
    await tick(at(29)); // the first retry waits 30 s
    expect((await step()).attempt).toBe(1);
    await tick(at(31));
    expect((await step()).attempt).toBe(2);
    await tick(at(31 + 59)); // then 60 s
    expect((await step()).attempt).toBe(2);
    await tick(at(31 + 61));
    expect((await step()).attempt).toBe(3);
    await tick(at(31 + 61 + 121)); // then 120 s: the third retry is the last
    expect(await step()).toMatchObject({ status: 'failed', attempt: 4 });
    const failed = await call(w.admin, 'GET', `/api/v1/workflow-runs/${failing.id}`);
    expect(failed.json()).toMatchObject({ status: 'failed', error: 'The step "Record a call" failed: the test service is down' });

    control.failing = false;
    const replayed = await call(w.admin, 'POST', `/api/v1/workflow-runs/${failing.id}/replay`);
    expect(replayed.statusCode, replayed.body).toBe(200);
    expect(replayed.json()).toMatchObject({ status: 'running', error: null });
    await tick(at(400));
    const done = (await call(w.admin, 'GET', `/api/v1/workflow-runs/${failing.id}`)).json();
    expect(done.status).toBe('completed');
    expect(done.steps.map((s: { nodeId: string; status: string }) => `${s.nodeId}:${s.status}`)).toEqual(['start:completed', 'first:completed', 'second:completed']);
    expect((await call(w.admin, 'POST', `/api/v1/workflow-runs/${failing.id}/replay`)).statusCode).toBe(422);
  });

  it('fails the run of a deleted record with a clear reason, and the others go on', async () => {
    const id = await liveWorkflow(w, chain({ kind: 'record_created', object: 'test_thing', filter: { op: 'and', rules: [{ field: 'stage', operator: 'eq', value: 'doomed' }] } }, [
      { type: 'wait', wait: { mode: 'duration', duration: { amount: 1, unit: 'hours' } } },
      { type: 'action', action: 'test.record', input: { note: 'after the hour {{name}}' } },
    ]));
    const gone = await createThing(w.t.database, w.workspaceId, { name: 'Gone', stage: 'doomed' });
    const kept = await createThing(w.t.database, w.workspaceId, { name: 'Kept', stage: 'doomed' });
    const t0 = new Date();
    await tick(t0);
    expect((await runsOf(id)).map((r) => r.status)).toEqual(['waiting', 'waiting']);
    await sql(`update test_things set deleted_at = now() where id = $1`, [gone]);
    await tick(new Date(t0.getTime() + 2 * HOUR));
    const runs = await runsOf(id);
    expect(runs.find((r) => r.record_id === gone)).toMatchObject({ status: 'failed', error: { key: 'workflow.run.record_deleted' } });
    expect(runs.find((r) => r.record_id === kept)!.status).toBe('completed');
    const list = (await call(w.admin, 'GET', `/api/v1/workflows/${id}/runs?status=failed`)).json();
    expect(list.data.map((r: { error: string }) => r.error)).toEqual(['The record was deleted.']);
  });

  it('switching off with "stop" cancels waiting runs; "continue" lets them finish', async () => {
    const graph = chain({ kind: 'record_created', object: 'test_thing', filter: { op: 'and', rules: [{ field: 'stage', operator: 'eq', value: 'patient' }] } }, [
      { type: 'wait', wait: { mode: 'duration', duration: { amount: 3, unit: 'days' } } },
      { type: 'action', action: 'test.record', input: { note: 'patience {{name}}' } },
    ]);
    const stopId = await liveWorkflow(w, graph, 'Stopped');
    await createThing(w.t.database, w.workspaceId, { name: 'P1', stage: 'patient' });
    const t0 = new Date();
    await tick(t0);
    expect((await runsOf(stopId)).map((r) => r.status)).toEqual(['waiting']);
    const wf = (await call(w.admin, 'GET', `/api/v1/workflows/${stopId}`)).json();
    expect(wf.stats).toMatchObject({ waiting: 1 });
    const off = await call(w.admin, 'PUT', `/api/v1/workflows/${stopId}/status`, { version: wf.version, status: 'off', inFlight: 'stop' });
    expect(off.statusCode, off.body).toBe(200);
    expect((await runsOf(stopId)).map((r) => r.status)).toEqual(['cancelled']);
    expect((await sql(`select status from workflow_waits where run_id = $1`, [(await runsOf(stopId))[0].id]))[0]).toEqual({ status: 'cancelled' });
    // Off: new records start nothing.
    await createThing(w.t.database, w.workspaceId, { name: 'P2', stage: 'patient' });
    await tick(new Date(t0.getTime() + 4 * 24 * HOUR));
    expect(await runsOf(stopId)).toHaveLength(1);
    expect((await calls(w)).filter((c) => c.note.startsWith('patience'))).toEqual([]);
  });

  it('takes a webhook call with the right secret and payload, once per webhook-id', async () => {
    const graph = chain({ kind: 'webhook', payload: [{ key: 'email', type: 'email', required: true }, { key: 'score', type: 'number', required: false }] }, [{ type: 'action', action: 'test.record', input: { note: 'hook {{trigger.email}}' } }]);
    const id = await liveWorkflow(w, graph, 'Hook');
    const url = (await call(w.admin, 'GET', `/api/v1/workflows/${id}`)).json().webhookUrl as string;
    expect(url).toMatch(new RegExp(`^/api/v1/hooks/workflows/${id}/[A-Za-z0-9_-]{20,}$`));
    const post = (path: string, payload: unknown, headers: Record<string, string> = {}) => w.t.app.inject({ method: 'POST', url: path, payload: payload as never, headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers } });
    const bad = await post(`/api/v1/hooks/workflows/${id}/not-the-secret-at-all-xx`, { email: 'a@b.co' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.message).toBe('The webhook address is not valid.');
    const invalid = await post(url, { email: 'nope', score: 'high' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details.fields.map((f: { field: string; message: string }) => [f.field, f.message])).toEqual([['email', 'The field "email" must be of type email.'], ['score', 'The field "score" must be of type number.']]);
    expect((await post(url, {})).json().error.details.fields[0]).toMatchObject({ field: 'email', code: 'required' });
    const ok = await post(url, { email: 'lead@example.com', score: 3 }, { 'webhook-id': 'msg_1' });
    expect(ok.statusCode, ok.body).toBe(202);
    expect(ok.json().runId).toBeTruthy();
    const dup = await post(url, { email: 'lead@example.com', score: 3 }, { 'webhook-id': 'msg_1' });
    expect(dup.json().runId).toBeNull();
    await tick();
    expect((await calls(w)).filter((c) => c.note.startsWith('hook')).map((c) => c.note)).toEqual(['hook lead@example.com']);
  });

  it('runs manually on selected records, skipping those outside the caller\'s data scope; a rep is refused', async () => {
    const id = await liveWorkflow(w, chain({ kind: 'manual', object: 'test_thing' }, [{ type: 'action', action: 'test.record', input: { note: 'manual {{name}}' } }]), 'Manual');
    await sql(`update roles set capabilities = capabilities || '["automation.manage"]'::jsonb, data_scope = 'own' where workspace_id = $1 and key = 'manager'`, [w.workspaceId]);
    const manager = await signIn(w.t, await addMember(w.t.database, w.workspaceId, w.roleIds.manager, { name: 'Mona Manager' }), w.workspaceId);
    const mine = await createThing(w.t.database, w.workspaceId, { name: 'Mine', ownerId: manager.userId });
    const theirs = await createThing(w.t.database, w.workspaceId, { name: 'Theirs', ownerId: w.admin.userId });
    const missing = '0190a0c0-0000-7000-8000-000000000000';
    const res = await call(manager, 'POST', `/api/v1/workflows/${id}/run`, { recordIds: [mine, theirs, missing] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ started: 1, skipped: [{ recordId: theirs, reason: 'You cannot see this record.' }, { recordId: missing, reason: 'The record does not exist.' }] });
    await tick();
    expect((await calls(w)).filter((c) => c.note.startsWith('manual')).map((c) => c.note)).toEqual(['manual Mine']);

    const rep = await w.member('rep', 'Ron Rep');
    expect((await call(rep, 'POST', `/api/v1/workflows/${id}/run`, { recordIds: [mine] })).statusCode).toBe(403);
    expect((await call(rep, 'GET', `/api/v1/workflows/${id}/runs`)).statusCode).toBe(403);
    // Only a manual workflow runs this way.
    const hook = await liveWorkflow(w, chain({ kind: 'record_created', object: 'test_thing', filter: { op: 'and', rules: [{ field: 'name', operator: 'eq', value: '-' }] } }, [{ type: 'end' }]), 'Not manual');
    expect((await call(w.admin, 'POST', `/api/v1/workflows/${hook}/run`, { recordIds: [mine] })).json().error.code).toBe('workflow.wrong_trigger');
  });

  it('a dry run evaluates conditions for real and describes actions without doing them', async () => {
    const graph = {
      nodes: [
        { id: 't', type: 'trigger' as const, position: { x: 0, y: 0 }, trigger: { kind: 'manual' as const, object: 'test_thing' } },
        { id: 'c', type: 'condition' as const, position: { x: 0, y: 0 }, rules: { op: 'and' as const, rules: [{ field: 'amount', operator: 'gt', value: 100 }] } },
        { id: 'big', type: 'action' as const, position: { x: 0, y: 0 }, action: 'test.record', input: { note: 'big deal {{name}}' } },
        { id: 'small', type: 'action' as const, position: { x: 0, y: 0 }, action: 'test.touch', input: { stage: 'small' } },
      ],
      edges: [{ id: 'e1', source: 't', target: 'c' }, { id: 'e2', source: 'c', target: 'big', sourceHandle: 'true' }, { id: 'e3', source: 'c', target: 'small', sourceHandle: 'false' }],
    };
    const wf = (await call(w.admin, 'POST', '/api/v1/workflows', { name: 'Dry', draft: graph })).json();
    const thing = await createThing(w.t.database, w.workspaceId, { name: 'Whale', amount: 500 });
    const res = await call(w.admin, 'POST', `/api/v1/workflows/${wf.id}/test-run`, { recordId: thing });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().steps).toEqual([
      { nodeId: 't', type: 'trigger', title: 'Trigger', summary: 'Starts: Manual · Thing.', outcome: null, error: null },
      { nodeId: 'c', type: 'condition', title: 'Condition', summary: 'The record matches the rules.', outcome: 'true', error: null },
      { nodeId: 'big', type: 'action', title: 'Record a call', summary: 'Would record "big deal Whale"', outcome: null, error: null },
    ]);
    expect((await calls(w)).filter((c) => c.note.startsWith('big deal'))).toEqual([]);
    expect((await call(w.admin, 'POST', `/api/v1/workflows/${wf.id}/test-run`, {})).statusCode).toBe(400);
  });
});
