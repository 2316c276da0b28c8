import pg from 'pg';
import { LIFECYCLE_STAGES, type TWorkflow, type TWorkflowGraph } from '@voyage/contracts';
import type { Database } from '@voyage/kernel';
import { ApiClient, pollUntil } from './api-client';
import type { BenchDatabase } from './bench-database';
import { startVoyage, type RunningServer, type ServerTarget } from './server-process';
import { summarize, type Summary } from './stats';
import type { SuiteConfig } from './suite';

/** The tag the workflow adds; the floor adds another, so that its update changes the row too. */
export const WORKFLOW_BENCH_TAG = 'bench-workflow';
const FLOOR_TAG = 'bench-workflow-floor';
/** The customers bulk stage endpoint takes at most 500 ids per call. */
const BULK_IDS = 500;
/** Runs the engine advances at once on PostgreSQL (its default; PGlite runs one at a time): the floor uses as many connections. */
const ENGINE_CONCURRENCY = 8;

/** PGlite writes one transaction at a time: its full run uses fewer events and waits (the titles give the counts). */
const PGLITE_LIMITS = { events: 2_000, pendingWaits: 20_000 };

/** Event throughput and latency: lifecycle stage changes that trigger a workflow with two actions. */
export interface WorkflowEventsResult {
  /** Triggering events written (contacts whose stage changed). */
  events: number;
  completed: number;
  failed: number;
  /** The bulk stage calls, first request to last answer. */
  writeSeconds: number;
  /** First event's occurred_at to the last run's last action. */
  seconds: number;
  eventsPerSecond: number;
  /** Per run: the triggering event's occurred_at to the notification the last action wrote (its transaction's now()). */
  latency: Summary;
  /** Per run: the event to the last action step's finished_at (the engine's clock for the pass that ran it). */
  stepLatency: Summary;
  /** Per run: the event to the run's start (the outbox dispatcher handing it to the trigger subscriber). */
  startLatency: Summary;
  floor?: { eventsPerSecond: number; seconds: number; connections: number; transaction: Summary };
}

/** Timer lag: waits falling due while many more are pending. */
export interface WorkflowTimersResult {
  pending: number;
  due: number;
  /** The near-due waits fall due over this many seconds. */
  dueSeconds: number;
  fired: number;
  /** fired_at − due_at of the near-due waits, ms. */
  lag: Summary;
  /** due_at to the run's completion (the step after the wait), ms. */
  runLag: Summary;
}

export interface WorkflowMeasurements {
  events?: WorkflowEventsResult;
  eventsFailure?: string;
  timers?: WorkflowTimersResult;
  timersFailure?: string;
}

const position = (x: number) => ({ x, y: 0 });

/** field_changed on the contact's lifecycle stage (any → any) → add a tag → notify the owner. */
export const EVENTS_GRAPH: TWorkflowGraph = {
  nodes: [
    { id: 'trigger', type: 'trigger', position: position(0), trigger: { kind: 'field_changed', object: 'contact', field: 'lifecycleStage' } },
    { id: 'tag', type: 'action', position: position(250), action: 'automation.add_tag', input: { tags: [WORKFLOW_BENCH_TAG] } },
    { id: 'notify', type: 'action', position: position(500), action: 'automation.notify', input: { owner: true, title: 'Lifecycle stage changed' } },
  ],
  edges: [
    { id: 'trigger-tag', source: 'trigger', target: 'tag' },
    { id: 'tag-notify', source: 'tag', target: 'notify' },
  ],
};

/** A manual trigger, a one-day wait, an end: the runs the timer scenario puts in place wait in `wait`. */
export const TIMER_GRAPH: TWorkflowGraph = {
  nodes: [
    { id: 'trigger', type: 'trigger', position: position(0), trigger: { kind: 'manual', object: 'contact' } },
    { id: 'wait', type: 'wait', position: position(250), wait: { mode: 'duration', duration: { amount: 1, unit: 'days' } } },
    { id: 'end', type: 'end', position: position(500) },
  ],
  edges: [
    { id: 'trigger-wait', source: 'trigger', target: 'wait' },
    { id: 'wait-end', source: 'wait', target: 'end' },
  ],
};

/** Creates, publishes and switches on a workflow through the API, as the designer does. */
async function liveWorkflow(api: ApiClient, name: string, draft: TWorkflowGraph): Promise<{ id: string; version: number }> {
  const created = await api.call<TWorkflow>('POST', '/api/v1/workflows', { name, draft }, 201);
  const published = await api.call<TWorkflow>('POST', `/api/v1/workflows/${created.id}/publish`, { version: created.version });
  await api.call<TWorkflow>('PUT', `/api/v1/workflows/${created.id}/status`, { version: published.version, status: 'on' });
  return { id: created.id, version: published.publishedVersion ?? 1 };
}

const stats = (api: ApiClient, id: string) => api.call<TWorkflow>('GET', `/api/v1/workflows/${id}`).then((w) => w.stats);

/** Runs `work` with a freshly started server, stopping it afterwards. */
async function withServer<T>(target: ServerTarget, work: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await startVoyage(target);
  try {
    return await work(server);
  } finally {
    await server.child.stop();
  }
}

async function withDatabase<T>(db: BenchDatabase, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await db.open();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The workflow engine's scenarios, after the other scenarios (they change lifecycle stages and
 * tags). Each runs against its own start of `voyage serve`, so that on PGlite the harness can put
 * state in place and read the results while no server holds the data directory:
 * 1. events: a workflow (stage changed → add a tag → notify the owner) is created and switched
 *    on through the API; contacts change stage through the bulk endpoint, 500 per call; the
 *    harness polls the workflow's run counters until every run has finished;
 * 2. the floor: the same writes per event through a bare client, one transaction each;
 * 3. timers: pending waits due in a day and a few due within seconds are loaded in SQL (state,
 *    as the seed loads data), then a server is started and the near-due ones are timed.
 * A scenario that fails or times out is reported with its reason; the bench goes on.
 */
export async function runWorkflowScenarios(db: BenchDatabase, target: ServerTarget, suite: SuiteConfig, startMs: number, log: (line: string) => void): Promise<WorkflowMeasurements> {
  const ws = db.seeded.workspaceId;
  const cfg = db.kind === 'pglite' ? { ...suite, workflowEvents: Math.min(suite.workflowEvents, PGLITE_LIMITS.events), pendingWaits: Math.min(suite.pendingWaits, PGLITE_LIMITS.pendingWaits) } : suite;
  const out: WorkflowMeasurements = {};
  const contacts = await withDatabase(db, (database) =>
    database.query<{ id: string; stage: string | null; owner_id: string }>(
      `select id, lifecycle_stage as stage, owner_id from contacts where workspace_id = $1 and deleted_at is null and owner_id is not null order by id limit $2`,
      [ws, cfg.workflowEvents],
    ));
  let workflows: { events: { id: string; version: number }; timer: { id: string; version: number } } | undefined;

  log(`workflow events: ${contacts.length.toLocaleString('en')} lifecycle stage changes → add a tag, notify the owner`);
  let fired: { events: number; writeMs: number } | undefined;
  try {
    await withServer(target, async (server) => {
      const api = new ApiClient(server.baseUrl, { authorization: `Bearer ${db.apiKey}` });
      workflows = {
        events: await liveWorkflow(api, 'Benchmark: stage changed → tag and notify', EVENTS_GRAPH),
        timer: await liveWorkflow(api, 'Benchmark: wait a day', TIMER_GRAPH),
      };
      fired = await changeStages(api, contacts);
      const timeoutMs = 60_000 + fired.events * 30;
      const done = await pollUntil(() => stats(api, workflows!.events.id), (s) => s.completed + s.failed >= fired!.events, {
        intervalMs: 500,
        timeoutMs,
      }).catch(async (error: unknown) => {
        const s = await stats(api, workflows!.events.id);
        throw new Error(`${s.completed + s.failed} of ${fired!.events} runs finished within ${Math.round(timeoutMs / 1000)} s (${JSON.stringify(s)}): ${message(error)}`);
      });
      log(`workflow events: ${done.completed} runs completed, ${done.failed} failed`);
    });
  } catch (error) {
    out.eventsFailure = message(error);
    log(`workflow events failed: ${out.eventsFailure}`);
  }
  if (!workflows) {
    out.timersFailure = 'the benchmark workflows could not be created';
    return out;
  }
  const wf = workflows;

  try {
    await withDatabase(db, async (database) => {
      if (fired && !out.eventsFailure) {
        const measured = await eventFigures(database, ws, wf.events.id, fired);
        log(`workflow events: ${measured.eventsPerSecond} events/s, latency median ${measured.latency.median} ms, p95 ${measured.latency.p95} ms; floor: the same writes through a bare client`);
        measured.floor = await eventsFloor(db, database, ws, contacts);
        log(`workflow events floor: ${measured.floor.eventsPerSecond} events/s on ${measured.floor.connections} connection(s)`);
        out.events = measured;
      }
    });
  } catch (error) {
    out.eventsFailure = message(error);
    log(`workflow events failed: ${out.eventsFailure}`);
  }

  try {
    out.timers = await timerLag(db, target, cfg, wf.timer, startMs, log);
  } catch (error) {
    out.timersFailure = message(error);
    log(`workflow timers failed: ${out.timersFailure}`);
  }
  return out;
}

/** Moves each contact to another stage (the next one in the list), 500 ids per bulk call, one call after the other. */
async function changeStages(api: ApiClient, contacts: Array<{ id: string; stage: string | null }>): Promise<{ events: number; writeMs: number }> {
  const byStage = new Map<string, string[]>();
  for (const c of contacts) {
    const i = LIFECYCLE_STAGES.indexOf(c.stage as (typeof LIFECYCLE_STAGES)[number]);
    const next = LIFECYCLE_STAGES[(i + 1) % LIFECYCLE_STAGES.length];
    byStage.set(next, [...(byStage.get(next) ?? []), c.id]);
  }
  const t0 = performance.now();
  let events = 0;
  for (const [stage, ids] of byStage) {
    for (let i = 0; i < ids.length; i += BULK_IDS) {
      const body = await api.call<{ updated: string[]; skipped: unknown[] }>('POST', '/api/v1/contacts/bulk/stage', { ids: ids.slice(i, i + BULK_IDS), stage });
      events += body.updated.length;
    }
  }
  return { events, writeMs: performance.now() - t0 };
}

/** Throughput and per-run latency from the runs, their triggering outbox events and the notifications written. */
async function eventFigures(database: Database, ws: string, workflowId: string, fired: { events: number; writeMs: number }): Promise<WorkflowEventsResult> {
  const rows = await database.query<{ status: string; occurred: number; started: number; done: number | null; step_done: number | null }>(
    `select r.status,
            extract(epoch from o.occurred_at) * 1000 as occurred,
            extract(epoch from r.started_at) * 1000 as started,
            extract(epoch from n.created_at) * 1000 as done,
            extract(epoch from s.finished_at) * 1000 as step_done
       from workflow_runs r
       join outbox o on o.workspace_id = r.workspace_id and o.id = (r.trigger->>'eventId')::uuid
       left join workflow_steps s on s.workspace_id = r.workspace_id and s.run_id = r.id and s.node_id = 'notify' and s.iteration = 0 and s.status = 'completed'
       left join notifications n on n.workspace_id = r.workspace_id and n.dedupe_key = 'workflow:' || r.id::text || ':notify:0'
      where r.workspace_id = $1 and r.workflow_id = $2`,
    [ws, workflowId],
  );
  const finished = rows.filter((r) => r.status === 'completed' && r.done !== null);
  if (!finished.length) throw new Error(`no completed run wrote its notification (${rows.length} runs: ${JSON.stringify(countBy(rows.map((r) => r.status)))})`);
  const first = Math.min(...rows.map((r) => Number(r.occurred)));
  const last = Math.max(...finished.map((r) => Number(r.done)));
  const seconds = (last - first) / 1000;
  return {
    events: fired.events,
    completed: rows.filter((r) => r.status === 'completed').length,
    failed: rows.filter((r) => r.status === 'failed').length,
    writeSeconds: Math.round(fired.writeMs) / 1000,
    seconds: Math.round(seconds * 100) / 100,
    eventsPerSecond: Math.round(fired.events / seconds),
    latency: summarize(finished.map((r) => Number(r.done) - Number(r.occurred))),
    stepLatency: summarize(finished.filter((r) => r.step_done !== null).map((r) => Number(r.step_done) - Number(r.occurred))),
    startLatency: summarize(rows.map((r) => Number(r.started) - Number(r.occurred))),
  };
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

const FLOOR_TAG_SQL = `update contacts set tags = array_append(tags, $3), updated_at = now(), version = version + 1 where workspace_id = $1 and id = $2 and not (tags @> array[$3]::text[])`;
const FLOOR_NOTIFY_SQL = `insert into notifications (workspace_id, id, user_id, kind, title, body, link, dedupe_key) values ($1, gen_random_uuid(), $2, 'workflow', 'Lifecycle stage changed', '', '/contacts/' || $3::text, $4) on conflict do nothing`;

/**
 * The floor: per event, add a tag to the contact and insert the notification row, one
 * transaction each, through a bare `pg` client on as many connections as the engine uses
 * (PGlite: its one connection).
 */
async function eventsFloor(db: BenchDatabase, database: Database, ws: string, contacts: Array<{ id: string; owner_id: string }>): Promise<NonNullable<WorkflowEventsResult['floor']>> {
  const times: number[] = [];
  const oneEvent = async (query: (text: string, params: unknown[]) => Promise<unknown>, c: { id: string; owner_id: string }) => {
    const t0 = performance.now();
    await query('begin', []);
    await query(FLOOR_TAG_SQL, [ws, c.id, FLOOR_TAG]);
    await query(FLOOR_NOTIFY_SQL, [ws, c.owner_id, c.id, `bench-floor:${c.id}`]);
    await query('commit', []);
    times.push(performance.now() - t0);
  };
  let seconds: number;
  let connections: number;
  if (db.kind === 'postgres') {
    connections = ENGINE_CONCURRENCY;
    const pool = new pg.Pool({ connectionString: db.url, max: connections });
    try {
      let next = 0;
      const t0 = performance.now();
      await Promise.all(Array.from({ length: connections }, async () => {
        const client = await pool.connect();
        try {
          while (next < contacts.length) await oneEvent((text, params) => client.query(text, params.length ? params : undefined), contacts[next++]);
        } finally {
          client.release();
        }
      }));
      seconds = (performance.now() - t0) / 1000;
    } finally {
      await pool.end();
    }
  } else {
    connections = 1;
    const lite = database.pglite!;
    const t0 = performance.now();
    for (const c of contacts) await oneEvent((text, params) => lite.query(text, params), c);
    seconds = (performance.now() - t0) / 1000;
  }
  await database.query(`delete from notifications where workspace_id = $1 and dedupe_key like 'bench-floor:%'`, [ws]);
  return { eventsPerSecond: Math.round(contacts.length / seconds), seconds: Math.round(seconds * 100) / 100, connections, transaction: summarize(times) };
}

/**
 * Loads `pendingWaits` runs waiting in the timer workflow's wait (due in a day, spread over an
 * hour) and `dueWaits` more due within seconds of the next server start, starts the server, and
 * waits until the near-due runs have completed; then removes all of them.
 */
async function timerLag(db: BenchDatabase, target: ServerTarget, cfg: SuiteConfig, workflow: { id: string; version: number }, startMs: number, log: (line: string) => void): Promise<WorkflowTimersResult> {
  const ws = db.seeded.workspaceId;
  // The near-due waits fall due once the next server has started (twice its start time, and 5 s more), spread over dueSeconds.
  const leadMs = Math.round(2 * startMs + 5_000);
  const spreadMs = cfg.dueSeconds * 1000;
  log(`workflow timers: ${cfg.pendingWaits.toLocaleString('en')} waits pending (due in a day), ${cfg.dueWaits} falling due from ${Math.round(leadMs / 1000)} s on over ${cfg.dueSeconds} s`);
  const load = (database: Database, n: number, key: string, dueFrom: string, stepMs: number) =>
    database.query(
      `with runs as (
         insert into workflow_runs (workspace_id, id, workflow_id, workflow_version, trigger, status, depth, dedupe_key, current_node_id, current_iteration, visits, waiting_until, started_at)
         select $1, gen_random_uuid(), $2, $3, '{"bench": true}'::jsonb, 'waiting', 0, $4::text || g::text, 'wait', 0, '{"trigger": 1, "wait": 1}'::jsonb,
                $5::timestamptz + (g * $6::int) * interval '1 millisecond', now()
           from generate_series(1, $7::int) g
         returning id, waiting_until
       ), steps as (
         insert into workflow_steps (workspace_id, id, run_id, node_id, iteration, type, status, attempt, input, output, started_at)
         select $1, gen_random_uuid(), id, 'wait', 0, 'wait', 'waiting', 1, '{"mode": "duration", "duration": {"amount": 1, "unit": "days"}}'::jsonb,
                jsonb_build_object('dueAt', waiting_until), now()
           from runs
         returning id, run_id
       )
       insert into workflow_waits (workspace_id, id, run_id, step_id, due_at, status)
       select $1, gen_random_uuid(), s.run_id, s.id, r.waiting_until, 'pending' from steps s join runs r on r.id = s.run_id`,
      [ws, workflow.id, workflow.version, key, dueFrom, stepMs, n],
    );
  const t0 = performance.now();
  await withDatabase(db, async (database) => {
    const day = new Date(Date.now() + 86_400_000).toISOString();
    await load(database, cfg.pendingWaits, 'bench-pending:', day, Math.max(1, Math.floor(3_600_000 / cfg.pendingWaits)));
    await load(database, cfg.dueWaits, 'bench-due:', new Date(Date.now() + leadMs).toISOString(), Math.floor(spreadMs / cfg.dueWaits));
  });
  log(`workflow timers: state loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s; starting the server`);
  // Waits loaded after the lead would fall due before the server runs: the lead counts from the load's end.
  const timeoutMs = leadMs + spreadMs + 60_000;
  try {
    await withServer(target, async (server) => {
      const api = new ApiClient(server.baseUrl, { authorization: `Bearer ${db.apiKey}` });
      await pollUntil(() => stats(api, workflow.id), (s) => s.completed + s.failed >= cfg.dueWaits, { intervalMs: 1_000, timeoutMs }).catch(async (error: unknown) => {
        const s = await stats(api, workflow.id);
        throw new Error(`${s.completed + s.failed} of ${cfg.dueWaits} due waits had ended their runs within ${Math.round(timeoutMs / 1000)} s: ${message(error)}`);
      });
    });
    return await withDatabase(db, async (database) => {
      const rows = await database.query<{ lag: number | null; run_lag: number | null; status: string }>(
        `select extract(epoch from (w.fired_at - w.due_at)) * 1000 as lag, extract(epoch from (r.finished_at - w.due_at)) * 1000 as run_lag, w.status
           from workflow_runs r join workflow_waits w on w.workspace_id = r.workspace_id and w.run_id = r.id
          where r.workspace_id = $1 and r.workflow_id = $2 and r.dedupe_key like 'bench-due:%'`,
        [ws, workflow.id],
      );
      const [pending] = await database.query<{ n: number }>(`select count(*)::int as n from workflow_waits where workspace_id = $1 and status = 'pending'`, [ws]);
      const fired = rows.filter((r) => r.lag !== null);
      return {
        pending: pending.n,
        due: cfg.dueWaits,
        dueSeconds: cfg.dueSeconds,
        fired: fired.length,
        lag: summarize(fired.map((r) => Number(r.lag))),
        runLag: summarize(fired.filter((r) => r.run_lag !== null).map((r) => Number(r.run_lag))),
      };
    });
  } finally {
    // The pending runs would fire in a day: remove them, and switch the benchmark's workflows off.
    await withDatabase(db, async (database) => {
      const runs = `select id from workflow_runs where workspace_id = $1 and workflow_id = $2`;
      await database.query(`delete from workflow_waits where workspace_id = $1 and run_id in (${runs})`, [ws, workflow.id]);
      await database.query(`delete from workflow_steps where workspace_id = $1 and run_id in (${runs})`, [ws, workflow.id]);
      await database.query(`delete from workflow_runs where workspace_id = $1 and workflow_id = $2`, [ws, workflow.id]);
      await database.query(`update workflows set status = 'off' where workspace_id = $1 and name like 'Benchmark: %'`, [ws]);
    });
  }
}
