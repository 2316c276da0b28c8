import type { BenchDatabase } from '../scenarios/bench-database';
import type { LoadResult } from '../scenarios/http-load';
import type { SuiteMeasurements } from '../scenarios/suite';
import { round, summarize, type Summary } from '../scenarios/stats';
import { BENCH_TAG } from '../seed/profiles';
import type { Scale } from '../seed/scales';
import type { CustomerMeasurements } from '../scenarios/customer-suite';
import { boardPath, FORECAST_PATH, LEADERBOARD_PATH, STATISTICAL_PATH, type SalesMeasurements } from '../scenarios/sales-suite';
import { WORKFLOW_BENCH_TAG, type WorkflowMeasurements } from '../scenarios/workflow-suite';
import { judge, type Measurement, type ScenarioResult, type Target } from './results';

const TARGETS = {
  health: { text: '≥ 10,000 req/s (issue 2)', stat: 'median', op: '>=', limit: 10_000 },
  start: { text: '< 3 s to the first answer (issue 2)', stat: 'median', op: '<', limit: 3000 },
  idleRss: { text: '< 150 MB on PostgreSQL (issue 2)', stat: 'median', op: '<', limit: 150, appliesTo: { database: 'postgres' } },
  seed: { text: '1,000,000 contacts in < 5 min on PostgreSQL (issue 3)', stat: 'median', op: '<', limit: 300, appliesTo: { database: 'postgres', scale: '1m' } },
  list: { text: 'p95 < 50 ms with 1,000,000 contacts on PostgreSQL (issue 4)', stat: 'p95', op: '<', limit: 50, appliesTo: { database: 'postgres', scale: '1m' } },
  search: { text: 'p95 < 100 ms with 1,000,000 contacts on PostgreSQL (issue 4)', stat: 'p95', op: '<', limit: 100, appliesTo: { database: 'postgres', scale: '1m' } },
  page360: { text: '< 100 ms (p95) with 1,000,000 contacts on PostgreSQL (issue 4)', stat: 'p95', op: '<', limit: 100, appliesTo: { database: 'postgres', scale: '1m' } },
  kanban: { text: 'p95 < 150 ms for one pipeline, PostgreSQL, 1,000,000 contacts and 200,000 deals (issue 5)', stat: 'p95', op: '<', limit: 150, appliesTo: { database: 'postgres', scale: '1m' } },
  leaderboard: { text: '< 200 ms, PostgreSQL, 1,000,000 contacts and 200,000 deals (issue 5; judged on p95)', stat: 'p95', op: '<', limit: 200, appliesTo: { database: 'postgres', scale: '1m' } },
  forecast: { text: '< 300 ms for a quarter, PostgreSQL, 1,000,000 contacts and 200,000 deals (issue 5; judged on p95)', stat: 'p95', op: '<', limit: 300, appliesTo: { database: 'postgres', scale: '1m' } },
  import: { text: '≥ 15,000 rows/s with duplicate detection on email, PostgreSQL, 1,000,000 contacts (issue 4)', stat: 'median', op: '>=', limit: 15_000, appliesTo: { database: 'postgres', scale: '1m' } },
  workflowEvents: { text: '≥ 500 events/s for 10,000 triggering events, PostgreSQL (issue 6)', stat: 'median', op: '>=', limit: 500, appliesTo: { database: 'postgres' } },
  workflowLatency: { text: 'p95 < 2 s from the event to the finished action, PostgreSQL (issue 6)', stat: 'p95', op: '<', limit: 2000, appliesTo: { database: 'postgres' } },
  timerLag: { text: 'timers fire within 5 s of due with 100,000 waits pending, PostgreSQL (issue 6; judged on p95)', stat: 'p95', op: '<', limit: 5000, appliesTo: { database: 'postgres' } },
} satisfies Record<string, Target>;

/** Scenarios the issue lists whose modules do not exist yet. */
const NOT_BUILT: Array<[string, string, string]> = [];

const SEARCH_TITLES = {
  latin: ['search.latin_prefix', 'Search: Latin prefix (first 4 letters of a name)'],
  hanzi: ['search.two_hanzi', 'Search: two Chinese characters (a 2-character name)'],
  digits: ['search.phone_digits', 'Search: four phone digits (end of a mobile)'],
} as const;

function one(value: number): Summary {
  return summarize([value]);
}

function throughput(load: LoadResult, label: string): Measurement {
  return { unit: 'req/s', value: load.rps, latency: load.latency, label };
}

function loadNotes(load: LoadResult, who: string): string[] {
  const notes: string[] = [];
  if (load.non2xx) notes.push(`${who}: ${load.non2xx} of ${load.total} responses were not 2xx`);
  if (load.errors) notes.push(`${who}: ${load.errors} socket errors or timeouts`);
  return notes;
}

export function buildResults(m: SuiteMeasurements, db: BenchDatabase, run: { database: 'postgres' | 'pglite'; scale: Scale; quick: boolean; connections: number; loadSeconds: number }): ScenarioResult[] {
  const out: ScenarioResult[] = [];
  const add = (r: Omit<ScenarioResult, 'met' | 'targetApplies' | 'ratio' | 'notes'> & { notes?: string[] }) => {
    const result: ScenarioResult = { ...r, notes: r.notes ?? [] };
    if (r.result && r.floor) result.ratio = round(r.result.value.median / r.floor.value.median, 3);
    if (r.result && r.target) {
      const j = judge(r.target, r.result, run);
      result.met = j.met;
      result.targetApplies = j.applies;
    }
    out.push(result);
  };
  const contacts = db.seeded.counts.contacts ?? 0;
  const load = `${run.connections} connections, ${run.loadSeconds} s, autocannon in a second process`;

  const deals = db.seeded.counts.deals ? `, ${db.seeded.counts.deals.toLocaleString('en')} deals, ${(db.seeded.counts.tasks ?? 0).toLocaleString('en')} tasks` : '';
  // Seed: a single timed load. The target is for 1,000,000 contacts; smaller scales (with a
  // timeline for every contact, where 1m has one for a part) are shown against it for reference.
  if (contacts) {
    const contactsRate = contacts / ((db.seeded.timings.contacts ?? 1) / 1000);
    const history = db.seeded.timelineContacts < contacts ? `; ${db.seeded.timelineContacts.toLocaleString('en')} of the contacts have follow-ups and a timeline` : '';
    add({
      id: 'seed.load',
      title: `Load the data set (${contacts.toLocaleString('en')} contacts, ${(db.seeded.counts.accounts ?? 0).toLocaleString('en')} accounts, ${(db.seeded.counts.follow_ups ?? 0).toLocaleString('en')} follow-ups, ${(db.seeded.counts.timeline_entries ?? 0).toLocaleString('en')} timeline entries${deals}) through ${db.kind === 'postgres' ? 'COPY' : 'batched INSERT'}, then VACUUM ANALYZE`,
      status: 'measured',
      result: { unit: 's', value: one(round(db.seeded.seconds, 1)), label: `measured${history}` },
      target: TARGETS.seed,
      notes: [`contacts with their follow-ups and timeline loaded at ${Math.round(contactsRate).toLocaleString('en')} contacts/s; steps in ms: ${JSON.stringify(db.seeded.timings)}`],
    });
  }

  add({ id: 'http.health', title: 'GET /api/health requests per second', status: 'measured', result: throughput(m.health, load), floor: throughput(m.healthFloor, 'bare Fastify route, same JSON, same load'), target: TARGETS.health, notes: [...loadNotes(m.health, 'voyage'), ...loadNotes(m.healthFloor, 'floor')] });
  add({ id: 'server.start', title: 'Start to first answer (existing data, migrations already applied)', status: 'measured', result: { unit: 'ms', value: m.start, label: 'spawn of `voyage serve` to the first 200 from /api/health' }, target: TARGETS.start });
  if (m.idleRss) add({ id: 'server.rss_idle', title: 'Server RSS at idle', status: 'measured', result: { unit: 'MB', value: m.idleRss, label: 'after start, before any load' }, target: TARGETS.idleRss });
  const peaks = [m.health.peakRssMb, m.records?.getLoad.peakRssMb, m.records?.getLoadApiKey.peakRssMb].filter((v): v is number => v !== null && v !== undefined);
  if (peaks.length) add({ id: 'server.rss_load', title: 'Server RSS under load (peak)', status: 'measured', result: { unit: 'MB', value: one(Math.max(...peaks)), label: 'highest sample during the health and record loads' }, floor: m.healthFloor.peakRssMb ? { unit: 'MB', value: one(m.healthFloor.peakRssMb), label: 'bare Fastify under the health load' } : undefined });

  if (m.records) {
    const r = m.records;
    const floor = throughput(r.getLoadFloor, 'bare Fastify route running the same SQL through pg / PGlite');
    add({ id: 'http.record_rps', title: 'GET /api/v1/contacts/:id requests per second (session cookie)', status: 'measured', result: throughput(r.getLoad, `${load}, 200 ids in rotation`), floor, notes: [...loadNotes(r.getLoad, 'voyage'), ...loadNotes(r.getLoadFloor, 'floor')] });
    add({ id: 'http.record_rps_api_key', title: 'GET /api/v1/contacts/:id requests per second (API key)', status: 'measured', result: throughput(r.getLoadApiKey, `${load}, 200 ids in rotation`), floor, notes: loadNotes(r.getLoadApiKey, 'voyage') });
    add({ id: 'http.record_latency', title: 'GET /api/v1/contacts/:id latency, one request at a time (session cookie)', status: 'measured', result: { unit: 'ms', value: r.getLatency, label: 'HTTP round trip' }, floor: { unit: 'ms', value: r.getSqlFloor, label: 'the same SQL through the bare driver' } });
    add({
      id: 'http.list_by_tag',
      title: `List page: contacts tagged ${BENCH_TAG}, newest change first, 50 rows (session cookie)`,
      status: 'measured',
      result: { unit: 'ms', value: r.listLatency, label: 'HTTP round trip, one request at a time' },
      floor: { unit: 'ms', value: r.listSqlFloor, label: 'the same SQL through the bare driver' },
      target: TARGETS.list,
      notes: [`${db.taggedCount.toLocaleString('en')} of ${contacts.toLocaleString('en')} contacts carry the tag; a page returned ${r.listRows} rows`],
    });
    if (m.customers) addCustomerResults(add, m.customers, db);
  } else {
    const reason = m.recordsMissingReason ?? 'the customers module is missing';
    add({ id: 'http.record_rps', title: 'GET one contact: requests per second', status: 'not_built', reason });
    add({ id: 'http.list_by_tag', title: 'List page filtered by a tag, sorted, 50 rows', status: 'not_built', reason });
  }
  if (m.sales) addSalesResults(add, m.sales, db);
  else {
    const reason = `not measured: ${m.salesMissingReason ?? 'the sales module is missing'}`;
    add({ id: 'sales.kanban', title: 'Kanban data for one pipeline', status: 'not_built', reason });
    add({ id: 'sales.forecast', title: 'Forecast for a quarter', status: 'not_built', reason });
    add({ id: 'sales.leaderboard', title: 'Sales leaderboard', status: 'not_built', reason });
  }
  addWorkflowResults(add, m.workflow, run.quick);
  for (const [id, title, reason] of NOT_BUILT) add({ id, title, status: 'not_built', reason });
  return out;
}

type Add = (r: Omit<ScenarioResult, 'met' | 'targetApplies' | 'ratio' | 'notes'> & { notes?: string[] }) => void;
const replayed = (what: string) => `${what} recorded from the server in this run (after authentication) and replayed through a bare pg client / PGlite`;

function addCustomerResults(add: Add, c: CustomerMeasurements, db: BenchDatabase): void {
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  for (const kind of ['latin', 'hanzi', 'digits'] as const) {
    const s = c.search[kind];
    if (!s) continue;
    const [id, title] = SEARCH_TITLES[kind];
    add({
      id, title: `${title}: GET /api/v1/search`, status: 'measured',
      result: { unit: 'ms', value: s.latency, label: 'HTTP round trip, one request at a time (session cookie)' },
      floor: s.floor ? { unit: 'ms', value: s.floor, label: replayed('the statements of each query') } : undefined,
      target: TARGETS.search,
      notes: [`${s.queries.length} queries in rotation (${s.queries.slice(0, 4).map((q) => `"${q}"`).join(', ')}, …), ${fmt(s.hits)} results for one pass over them`],
    });
  }
  if (c.page360) {
    const p = c.page360;
    add({
      id: 'page.360', title: 'The 360° page of a contact: the record, its timeline, its account and panels, as the web page loads them', status: 'measured',
      result: { unit: 'ms', value: p.latency, label: `HTTP, ${p.requests} requests per page in two waves (record and field definitions, then timeline, account, links, ownership, owner history, stage history), each wave at once` },
      floor: p.floor ? { unit: 'ms', value: p.floor, label: replayed('the statements of each request') + ', in the same waves on parallel connections' } : undefined,
      target: TARGETS.page360,
      notes: [`${p.pages} contacts with a history in rotation (${fmt(db.seeded.timelineContacts)} of ${fmt(db.seeded.counts.contacts ?? 0)} have one)`],
    });
  }
  if (c.segmentCount) {
    add({
      id: 'segment.count', title: 'Segment count: a dynamic segment (tags, lifecycle stage, last follow-up) on the segments page', status: 'measured',
      result: { unit: 'ms', value: c.segmentCount.latency, label: 'GET /api/v1/segments?object=contact, one request at a time' },
      floor: c.segmentCount.floor ? { unit: 'ms', value: c.segmentCount.floor, label: replayed('the statements of the request') } : undefined,
      notes: [`the segment counts ${fmt(c.segmentCount.members)} contacts`],
    });
  }
  if (c.export) {
    const e = c.export;
    add({
      id: 'export.100k', title: `Export of ${fmt(e.rows)} contacts as CSV (a list view filtered on creation time, newest change first)`, status: 'measured',
      result: { unit: 'rows/s', value: summarize([round(e.rowsPerSecond, 0)]), label: `POST /api/v1/contacts/export to the last byte of the download, ${(e.ms / 1000).toFixed(1)} s, ${e.path === 'job' ? 'built by the export job' : 'streamed in the request'}` },
      floor: e.floor ? { unit: 'rows/s', value: summarize([round(e.floor.rowsPerSecond, 0)]), label: `the same rows as CSV from COPY … TO STDOUT through a bare client (PGlite: a SELECT), ${(e.floor.ms / 1000).toFixed(1)} s` } : undefined,
      notes: [`${(e.bytes / 1e6).toFixed(1)} MB of CSV`, ...(e.peakRssMb ? [`server RSS peaked at ${e.peakRssMb} MB during the export`] : [])],
    });
  }
  if (c.import) {
    const i = c.import;
    add({
      id: 'import.100k_csv', title: `Import of ${fmt(i.rows)} CSV rows into contacts, duplicates skipped on email (upload, mapping, run, done)`, status: 'measured',
      result: { unit: 'rows/s', value: summarize([round(i.rowsPerSecond, 0)]), label: `from the run request to the import reading done, ${(i.runMs / 1000).toFixed(1)} s (upload and header detection before it: ${(i.uploadMs / 1000).toFixed(1)} s)` },
      floor: i.floor ? { unit: 'rows/s', value: summarize([round(i.floor.rowsPerSecond, 0)]), label: `COPY of the same rows (stored form) into an empty copy of the contacts table with all its indexes and generated columns (PGlite: batched INSERT), ${(i.floor.ms / 1000).toFixed(1)} s` } : undefined,
      target: TARGETS.import,
      notes: [
        `the file: ${fmt(i.duplicates)} rows repeat an existing contact's email (in upper case), ${fmt(i.bad)} are bad (email, phone or name); result ${JSON.stringify(i.counts)}`,
        ...(i.progressRates ? [`rows/s between progress polls: median ${fmt(i.progressRates.median)}, p95 ${fmt(i.progressRates.p95)}`] : []),
        ...(i.peakRssMb ? [`server RSS peaked at ${i.peakRssMb} MB during the import`] : []),
      ],
    });
  }
}

function addSalesResults(add: Add, s: SalesMeasurements, db: BenchDatabase): void {
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  const dealCount = fmt(db.seeded.counts.deals ?? 0);
  const who = { admin: 'the admin (all deals)', rep: 'a sales rep (data scope: own deals)' } as const;
  for (const role of ['admin', 'rep'] as const) {
    const b = s.board[role];
    add({
      id: `sales.kanban_${role}`, title: `Kanban data for one pipeline (the default), as ${who[role]}: GET ${boardPath('…')}`, status: 'measured',
      result: { unit: 'ms', value: b.latency, label: 'HTTP round trip, one request at a time (session cookie)' },
      floor: b.floor ? { unit: 'ms', value: b.floor, label: replayed('the statements of the request') } : undefined,
      target: TARGETS.kanban,
      notes: [`${fmt(b.onBoard)} deals on the board (open, won and lost columns; ${dealCount} deals in the workspace), ${fmt(b.cards)} cards returned (50 per column at most)`],
    });
  }
  for (const role of ['admin', 'rep'] as const) {
    const f = s.forecast[role];
    add({
      id: `sales.forecast_${role}`, title: `Forecast: weighted pipeline by quarter per owner, as ${who[role]}: GET ${FORECAST_PATH}`, status: 'measured',
      result: { unit: 'ms', value: f.latency, label: 'HTTP round trip, one request at a time (session cookie)' },
      floor: f.floor ? { unit: 'ms', value: f.floor, label: replayed('the statements of the request') } : undefined,
      target: TARGETS.forecast,
      notes: [`quarters ${f.periods.join(', ')}: ${fmt(f.rows)} rows (quarter × owner × currency)`],
    });
  }
  if (s.statistical) {
    const st = s.statistical;
    add({
      id: 'sales.forecast_statistical', title: `Forecast: statistical quarterly forecast from won deals, as the admin: GET ${STATISTICAL_PATH}`, status: 'measured',
      result: { unit: 'ms', value: st.latency, label: 'HTTP round trip, one request at a time (session cookie)' },
      floor: st.floor ? { unit: 'ms', value: st.floor, label: replayed('the statements of the request') } : undefined,
      target: TARGETS.forecast,
      notes: [`model ${st.model} over ${st.historyQuarters} quarters of won-deal history`],
    });
  }
  for (const role of ['admin', 'rep'] as const) {
    const l = s.leaderboard?.[role];
    if (!l) continue;
    add({
      id: `sales.leaderboard_${role}`, title: `Sales performance leaderboard for a year, as ${who[role]}: GET ${LEADERBOARD_PATH}`, status: 'measured',
      result: { unit: 'ms', value: l.latency, label: 'HTTP round trip, one request at a time (session cookie)' },
      floor: l.floor ? { unit: 'ms', value: l.floor, label: replayed('the statements of the request') } : undefined,
      target: TARGETS.leaderboard,
      notes: [`${fmt(l.reps)} reps ranked, with the stage funnel of the default pipeline`],
    });
  }
}

function addWorkflowResults(add: Add, w: WorkflowMeasurements | undefined, quick: boolean): void {
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  const fewer = (n: number, issue: number, what: string) => (n < issue ? ` (${quick ? 'quick run: ' : ''}fewer ${what} than the issue's ${fmt(issue)})` : '');
  const what = `lifecycle stage changes of contacts (customers bulk stage endpoint, 500 per call) triggering a workflow with two actions: add the tag ${WORKFLOW_BENCH_TAG}, notify the owner`;
  if (!w) {
    const reason = 'not measured: no contacts with an owner were seeded';
    add({ id: 'automation.events', title: 'Workflow engine: triggering events per second', status: 'not_built', reason });
    add({ id: 'automation.timer_lag', title: 'Workflow engine: timer lag with waits pending', status: 'not_built', reason });
    return;
  }
  const e = w.events;
  if (e) {
    const scope = fewer(e.events, 10_000, 'events');
    const notes = [
      `${fmt(e.events)} events written in ${e.writeSeconds} s; ${fmt(e.completed)} runs completed, ${fmt(e.failed)} failed; ${e.seconds} s from the first event to the last action`,
      `event to the run's start (outbox dispatch to the trigger subscriber): median ${fmt(e.startLatency.median)} ms, p95 ${fmt(e.startLatency.p95)} ms; the rest is the runner`,
      `the last action step's finished_at (the engine's clock for the pass that ran it) gives median ${fmt(e.stepLatency.median)} ms, p95 ${fmt(e.stepLatency.p95)} ms`,
    ];
    add({
      id: 'automation.events', title: `Workflow engine: ${fmt(e.events)} triggering events${scope}, events per second`, status: 'measured',
      result: { unit: 'events/s', value: summarize([e.eventsPerSecond]), label: `${what}; events ÷ (last run's last action − first event's occurred_at)` },
      floor: e.floor ? { unit: 'events/s', value: summarize([e.floor.eventsPerSecond]), label: `the same writes per event (add the tag to the contact, insert the notification row) through a bare client, one transaction each, on ${e.floor.connections} connection(s) as the engine runs, ${e.floor.seconds} s` } : undefined,
      target: TARGETS.workflowEvents,
      notes,
    });
    add({
      id: 'automation.event_latency', title: `Workflow engine: event to finished action, per run, ${fmt(e.events)} events${scope}`, status: 'measured',
      result: { unit: 'ms', value: e.latency, label: 'the triggering outbox event\'s occurred_at (the writing transaction\'s start) to the notification the last action inserted (its step transaction\'s start)' },
      floor: e.floor ? { unit: 'ms', value: e.floor.transaction, label: 'one floor transaction (tag and notification)' } : undefined,
      target: TARGETS.workflowLatency,
    });
  } else {
    add({ id: 'automation.events', title: 'Workflow engine: triggering events per second, and event to finished action', status: 'failed', reason: w.eventsFailure ?? 'no figures' });
  }
  const t = w.timers;
  if (t) {
    add({
      id: 'automation.timer_lag', title: `Workflow engine: timer lag, ${t.due} waits falling due over ${t.dueSeconds} s with ${fmt(t.pending)} pending${fewer(t.pending, 100_000, 'waits')}`, status: 'measured',
      result: { unit: 'ms', value: t.lag, label: 'fired_at − due_at of each wait (the timer sweep of the engine job, every second in the server\'s worker); the pending waits were loaded in SQL as state' },
      target: TARGETS.timerLag,
      notes: [`${t.fired} of ${t.due} fired; due time to the run's next step done: median ${fmt(t.runLag.median)} ms, p95 ${fmt(t.runLag.p95)} ms`],
    });
  } else {
    add({ id: 'automation.timer_lag', title: 'Workflow engine: timer lag with waits pending', status: 'failed', reason: w.timersFailure ?? 'no figures' });
  }
}
