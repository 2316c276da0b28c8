import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type World } from '@voyage/testing';
import { emitEvents } from '@voyage/kernel';
import { processReadyRuns } from '../src/engine/run-steps';
import { sweepClockTriggers } from '../src/engine/sweep-clock-triggers';
import { sweepDueWaits } from '../src/engine/sweep-timers';
import { WORKFLOW_ENGINE_JOB } from '../src/engine/engine-jobs';
import { calls, createEngineWorld, createThing, liveWorkflow, THING_EVENTS } from './engine-fixtures';
import type { TWorkflowGraph } from '@voyage/contracts';

let w: World;
/** The app of the moment: replaced by a new one on the same database to simulate a restart. */
let t: TestApp;
const HOUR = 3_600_000;

async function tick(moved: Date) {
  await t.services.outbox.dispatch();
  // The test clock only moves forward from the real one.
  const at = moved > new Date() ? moved : new Date();
  await sweepDueWaits(t.database, at);
  await processReadyRuns({ env: t.env, database: t.database, send: async () => null, now: at });
}
const runsOf = (workflowId: string) => t.database.query<{ id: string; status: string; record_id: string | null; waiting_until: Date | null }>(`select id, status, record_id, waiting_until from workflow_runs where workflow_id = $1 order by started_at`, [workflowId]);

/** Welcome sequence: wait for the thing to be pinged at most 72 hours, then say which happened. */
const pingOr72h: TWorkflowGraph = {
  nodes: [
    { id: 't', type: 'trigger', position: { x: 0, y: 0 }, trigger: { kind: 'record_created', object: 'test_thing', filter: { op: 'and', rules: [{ field: 'stage', operator: 'eq', value: 'welcome' }] } } },
    { id: 'hello', type: 'action', position: { x: 0, y: 0 }, action: 'test.record', input: { note: 'hello {{name}}' } },
    { id: 'wait', type: 'wait', position: { x: 0, y: 0 }, wait: { mode: 'event', event: THING_EVENTS.pinged, timeout: { amount: 72, unit: 'hours' } } },
    { id: 'opened', type: 'action', position: { x: 0, y: 0 }, action: 'test.record', input: { note: 'pinged {{name}}' } },
    { id: 'again', type: 'action', position: { x: 0, y: 0 }, action: 'test.record', input: { note: 'reminder {{name}}' } },
  ],
  edges: [
    { id: 'e1', source: 't', target: 'hello' }, { id: 'e2', source: 'hello', target: 'wait' },
    { id: 'e3', source: 'wait', target: 'opened', sourceHandle: 'event' }, { id: 'e4', source: 'wait', target: 'again', sourceHandle: 'timeout' },
  ],
};

beforeAll(async () => {
  w = await createEngineWorld();
  t = w.t;
});
afterAll(async () => {
  await t.close();
  await w.t.database.close().catch(() => undefined);
});

describe('durable waits and time triggers', () => {
  it('survives a restart in the middle of a 72-hour wait; an event ends another wait early', async () => {
    const id = await liveWorkflow(w, pingOr72h, 'Welcome');
    const quiet = await createThing(t.database, w.workspaceId, { name: 'Quiet', stage: 'welcome' });
    const eager = await createThing(t.database, w.workspaceId, { name: 'Eager', stage: 'welcome' });
    const t0 = new Date();
    await tick(t0);
    const waiting = await runsOf(id);
    expect(waiting.map((r) => r.status)).toEqual(['waiting', 'waiting']);
    expect(waiting[0].waiting_until!.getTime()).toBeGreaterThanOrEqual(t0.getTime() + 72 * HOUR);

    // The eager one is pinged after a day: its run takes the `event` way at once.
    await t.database.db.transaction((tx) => emitEvents(tx, { workspaceId: w.workspaceId, event: THING_EVENTS.pinged, payload: { id: eager } }));
    await tick(new Date(t0.getTime() + 24 * HOUR));
    expect((await runsOf(id)).find((r) => r.record_id === eager)!.status).toBe('completed');

    // Restart: the app and its workers go away; a new one starts on the same database.
    await w.t.app.close();
    await w.t.services.jobs.stop();
    t = await createTestApp({}, { database: w.t.database });
    w = { ...w, t };
    await tick(new Date(t0.getTime() + 71 * HOUR));
    expect((await runsOf(id)).find((r) => r.record_id === quiet)!.status).toBe('waiting');
    await tick(new Date(t0.getTime() + 72 * HOUR + 60_000));
    expect((await runsOf(id)).map((r) => r.status)).toEqual(['completed', 'completed']);
    expect((await calls(w)).map((c) => c.note).filter((n) => /Quiet|Eager/.test(n))).toEqual(['hello Eager', 'hello Quiet', 'pinged Eager', 'reminder Quiet']);

    const run = (await runsOf(id)).find((r) => r.record_id === quiet)!;
    const steps = await t.database.query<{ node_id: string; outcome: string | null }>(`select node_id, outcome from workflow_steps where run_id = $1 order by started_at`, [run.id]);
    expect(steps).toEqual([{ node_id: 't', outcome: null }, { node_id: 'hello', outcome: null }, { node_id: 'wait', outcome: 'timeout' }, { node_id: 'again', outcome: null }]);
  });

  it('the engine job fires due waits with the clock in its data', async () => {
    const graph: TWorkflowGraph = {
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, trigger: { kind: 'record_created', object: 'test_thing', filter: { op: 'and', rules: [{ field: 'stage', operator: 'eq', value: 'timed' }] } } },
        { id: 'w', type: 'wait', position: { x: 0, y: 0 }, wait: { mode: 'duration', duration: { amount: 2, unit: 'days' } } },
        { id: 'a', type: 'action', position: { x: 0, y: 0 }, action: 'test.record', input: { note: 'two days later {{name}}' } },
      ],
      edges: [{ id: 'e1', source: 't', target: 'w' }, { id: 'e2', source: 'w', target: 'a' }],
    };
    const id = await liveWorkflow(w, graph, 'Timed');
    await createThing(t.database, w.workspaceId, { name: 'Later', stage: 'timed' });
    await t.services.outbox.dispatch();
    const job = t.services.registry.get('automation')!.jobs!.find((j) => j.name === WORKFLOW_ENGINE_JOB)!;
    const ctx = { env: t.env, database: t.database, jobId: 'test', retryCount: 0, isLastAttempt: false, send: async () => null };
    await job.handler({}, ctx);
    expect((await runsOf(id))[0].status).toBe('waiting');
    await job.handler({ now: new Date(Date.now() + 49 * HOUR).toISOString() }, ctx);
    expect((await runsOf(id))[0].status).toBe('completed');
  });

  it('the engine job on the real clock goes round by round: a wait a round made due is fired and the run finished in the same pass', async () => {
    const graph: TWorkflowGraph = {
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, trigger: { kind: 'record_created', object: 'test_thing', filter: { op: 'and', rules: [{ field: 'stage', operator: 'eq', value: 'rounds' }] } } },
        { id: 'first', type: 'action', position: { x: 0, y: 0 }, action: 'test.record', input: { note: 'first {{name}}' } },
        // A date already past: the wait is due the moment the run reaches it.
        { id: 'wait', type: 'wait', position: { x: 0, y: 0 }, wait: { mode: 'until', until: { at: '2020-01-01T00:00:00.000Z' } } },
        { id: 'second', type: 'action', position: { x: 0, y: 0 }, action: 'test.record', input: { note: 'second {{name}}' } },
      ],
      edges: [{ id: 'e1', source: 't', target: 'first' }, { id: 'e2', source: 'first', target: 'wait' }, { id: 'e3', source: 'wait', target: 'second' }],
    };
    const id = await liveWorkflow(w, graph, 'Rounds');
    await createThing(t.database, w.workspaceId, { name: 'Roundabout', stage: 'rounds' });
    await t.services.outbox.dispatch();
    const job = t.services.registry.get('automation')!.jobs!.find((j) => j.name === WORKFLOW_ENGINE_JOB)!;
    await job.handler({}, { env: t.env, database: t.database, jobId: 'test', retryCount: 0, isLastAttempt: false, send: async () => null });
    expect((await runsOf(id)).map((r) => r.status)).toEqual(['completed']);
    expect((await calls(w)).map((c) => c.note).filter((n) => n.endsWith('Roundabout'))).toEqual(['first Roundabout', 'second Roundabout']);
  });

  it('starts date triggers once per date value and schedules once per tick', async () => {
    const dateGraph: TWorkflowGraph = {
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, trigger: { kind: 'date_relative', object: 'test_thing', field: 'dueOn', offsetDays: -3 } },
        { id: 'a', type: 'action', position: { x: 0, y: 0 }, action: 'test.record', input: { note: 'due soon {{name}} {{trigger.date}}' } },
      ],
      edges: [{ id: 'e1', source: 't', target: 'a' }],
    };
    const dateId = await liveWorkflow(w, dateGraph, 'Due soon');
    const soon = await createThing(t.database, w.workspaceId, { name: 'Renewal', dueOn: '2031-03-10' });
    await createThing(t.database, w.workspaceId, { name: 'Far', dueOn: '2031-06-01' });
    const sweep = (iso: string) => sweepClockTriggers(t.database, t.env, w.workspaceId, new Date(iso));
    await sweep('2031-03-06T00:00:00Z');
    expect(await sweep('2031-03-07T12:00:00Z')).toEqual({ started: 1 });
    expect(await sweep('2031-03-08T12:00:00Z')).toEqual({ started: 0 });
    // The date moves: it fires again for the new date.
    await t.database.query(`update test_things set due_on = '2031-03-20' where id = $1`, [soon]);
    expect(await sweep('2031-03-17T12:00:00Z')).toEqual({ started: 1 });
    await tick(new Date('2031-03-17T12:00:01Z'));
    expect((await calls(w)).map((c) => c.note).filter((n) => n.startsWith('due soon'))).toEqual(['due soon Renewal 2031-03-10', 'due soon Renewal 2031-03-20']);
    expect((await runsOf(dateId)).map((r) => r.status)).toEqual(['completed', 'completed']);

    const cronGraph: TWorkflowGraph = {
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, trigger: { kind: 'schedule', cron: '0 9 * * 1-5', timezone: 'Asia/Shanghai' } },
        { id: 'a', type: 'action', position: { x: 0, y: 0 }, action: 'test.record', input: { note: 'standup {{trigger.scheduledAt}}' } },
      ],
      edges: [{ id: 'e1', source: 't', target: 'a' }],
    };
    const cronId = await liveWorkflow(w, cronGraph, 'Standup');
    // Monday 2031-03-17 09:00 in Shanghai is 01:00 UTC.
    await sweep('2031-03-17T00:30:00Z');
    expect(await sweep('2031-03-17T00:59:00Z')).toEqual({ started: 0 });
    expect(await sweep('2031-03-17T01:00:30Z')).toEqual({ started: 1 });
    expect(await sweep('2031-03-17T01:01:00Z')).toEqual({ started: 0 });
    // Swept again days later: the latest missed tick (Friday's) fires once, not one per day; Saturday has none.
    expect(await sweep('2031-03-22T00:30:00Z')).toEqual({ started: 1 });
    expect(await sweep('2031-03-22T01:30:00Z')).toEqual({ started: 0 });
    await tick(new Date('2031-03-22T01:30:01Z'));
    expect((await calls(w)).map((c) => c.note).filter((n) => n.startsWith('standup'))).toEqual(['standup 2031-03-17T01:00:00.000Z', 'standup 2031-03-21T01:00:00.000Z']);
    expect((await runsOf(cronId))).toHaveLength(2);
  });

  it('starts on a catalogue event for its record, and waits until a date field of the record', async () => {
    const graph: TWorkflowGraph = {
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, trigger: { kind: 'event', event: THING_EVENTS.pinged } },
        { id: 'w', type: 'wait', position: { x: 0, y: 0 }, wait: { mode: 'until', until: { field: 'dueOn', offsetDays: -1 } } },
        { id: 'a', type: 'action', position: { x: 0, y: 0 }, action: 'test.record', input: { note: 'day before {{name}}' } },
      ],
      edges: [{ id: 'e1', source: 't', target: 'w' }, { id: 'e2', source: 'w', target: 'a' }],
    };
    const id = await liveWorkflow(w, graph, 'Pinged');
    const thing = await createThing(t.database, w.workspaceId, { name: 'Dated', dueOn: '2032-05-10' });
    await t.database.db.transaction((tx) => emitEvents(tx, { workspaceId: w.workspaceId, event: THING_EVENTS.pinged, payload: { id: thing } }));
    await tick(new Date());
    const [run] = await runsOf(id);
    expect(run).toMatchObject({ status: 'waiting', record_id: thing });
    expect(run.waiting_until!.toISOString()).toBe('2032-05-09T00:00:00.000Z');
    await tick(new Date('2032-05-08T23:00:00Z'));
    expect((await runsOf(id))[0].status).toBe('waiting');
    await tick(new Date('2032-05-09T00:00:01Z'));
    expect((await runsOf(id))[0].status).toBe('completed');
    expect((await calls(w)).map((c) => c.note)).toContain('day before Dated');
  });
});
