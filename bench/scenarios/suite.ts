import type { BenchDatabase } from './bench-database';
import { LoadGenerator, type LoadOptions, type LoadResult } from './http-load';
import { freePort, spawnChild, waitForHttp, type Child } from './processes';
import { GET_RECORD_SQL, LIST_BY_TAG_SQL } from './queries';
import { idleRss, measureStarts } from './server-process';
import { timeRuns, type Summary } from './stats';
import { BENCH_TAG } from '../seed/profiles';
import { measureCustomerFloors, planCustomerScenarios, runCustomerScenarios, type CustomerMeasurements } from './customer-suite';
import { measureSalesFloors, planSalesScenarios, runSalesScenarios, type SalesMeasurements } from './sales-suite';
import { runWorkflowScenarios, type WorkflowMeasurements } from './workflow-suite';

/** How long and how often each scenario runs: `quick` is the CI smoke mode. */
export interface SuiteConfig {
  quick: boolean;
  starts: number;
  settleSeconds: number;
  idleSeconds: number;
  /** Alternating rounds of product and floor per throughput scenario. */
  rounds: number;
  loadSeconds: number;
  warmupSeconds: number;
  connections: number;
  latencyRuns: number;
  latencyWarmup: number;
  /** Rows of the import file, and of the export (at most the contacts there are). */
  importRows: number;
  exportRows: number;
  /** Time cap of a query-shaped scenario (with its floor), once it has 20 runs. */
  scenarioSeconds: number;
  /** Workflow engine: triggering events (stage changes), waits pending in the timer scenario, and waits falling due among them over dueSeconds. */
  workflowEvents: number;
  pendingWaits: number;
  dueWaits: number;
  dueSeconds: number;
}

export function suiteConfig(quick: boolean): SuiteConfig {
  return quick
    ? { quick, starts: 3, settleSeconds: 1, idleSeconds: 2, rounds: 2, loadSeconds: 3, warmupSeconds: 1, connections: 20, latencyRuns: 40, latencyWarmup: 5, importRows: 5_000, exportRows: 10_000, scenarioSeconds: 4, workflowEvents: 1_000, pendingWaits: 10_000, dueWaits: 100, dueSeconds: 5 }
    : { quick, starts: 5, settleSeconds: 5, idleSeconds: 5, rounds: 3, loadSeconds: 5, warmupSeconds: 2, connections: 20, latencyRuns: 300, latencyWarmup: 30, importRows: 100_000, exportRows: 100_000, scenarioSeconds: 25, workflowEvents: 10_000, pendingWaits: 100_000, dueWaits: 200, dueSeconds: 15 };
}

/** Raw measurements of one run; the report turns them into scenario results. */
export interface SuiteMeasurements {
  start: Summary;
  idleRss: Summary | null;
  health: LoadResult;
  healthFloor: LoadResult;
  /** Absent when the customers routes are missing. */
  records?: {
    getLatency: Summary;
    getSqlFloor: Summary;
    /** With the web app's session cookie. */
    getLoad: LoadResult;
    /** With an API key, as an integration calls it. */
    getLoadApiKey: LoadResult;
    getLoadFloor: LoadResult;
    listLatency: Summary;
    listSqlFloor: Summary;
    listRows: number;
  };
  recordsMissingReason?: string;
  /** Search, 360° page, segment count, export and import; absent with the records. */
  customers?: CustomerMeasurements;
  /** Kanban data and the forecast; absent without deals (salesMissingReason says why). */
  sales?: SalesMeasurements;
  salesMissingReason?: string;
  /** Workflow engine throughput, latency and timer lag; absent without contacts. */
  workflow?: WorkflowMeasurements;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function fetchOk(url: string, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(url, { headers });
  const body = await res.json();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

/** The bare Fastify floor; with `database` it also serves the record SQL. */
async function startFloor(db: BenchDatabase, withDatabase: boolean): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const env: Record<string, string> = { PORT: String(port), WORKSPACE_ID: db.seeded.workspaceId };
  if (withDatabase && db.url) env.DATABASE_URL = db.url;
  else if (withDatabase) env.PGLITE_DIR = `${db.dataDir}/pglite`;
  const child = spawnChild('floor-server.ts', env);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/api/health`, child, performance.now());
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { child, url };
}

/**
 * Runs every scenario whose code exists. The product and its floor run side by side in
 * alternating rounds where they can; PGlite allows one process per data directory, so there
 * the record floor runs after the server has stopped.
 */
export async function runSuite(db: BenchDatabase, cfg: SuiteConfig, log: (line: string) => void): Promise<SuiteMeasurements> {
  const target = { databaseUrl: db.url, dataDir: db.dataDir };
  const apiKey = { authorization: `Bearer ${db.apiKey}` };
  const cookie = { cookie: db.sessionCookie };
  const ids = db.sampleIds;
  const listPath = `/api/v1/contacts?filter[tags][contains]=${encodeURIComponent(BENCH_TAG)}&sort=-updatedAt&limit=50`;
  const shared = db.kind === 'postgres';
  const loads = new LoadGenerator();
  const opts = (url: string, extra: Partial<LoadOptions> = {}): LoadOptions => ({ url, connections: cfg.connections, seconds: cfg.loadSeconds, ...extra });

  try {
    const customersPlan = db.sampleIds.length ? await planCustomerScenarios(db, cfg) : undefined;
    const { plan: salesPlan, reason: salesMissingReason } = await planSalesScenarios(db);
    log(`start time: ${cfg.starts} starts`);
    const { start, server } = await measureStarts(target, cfg.starts);
    const pid = server.child.pid;
    let floor: { child: Child; url: string } | undefined;
    let idle: Summary | null;
    let health: LoadResult;
    let healthFloor: LoadResult;
    let records: Partial<NonNullable<SuiteMeasurements['records']>> | undefined;
    let recordsMissingReason: string | undefined;
    let customers: CustomerMeasurements | undefined;
    let sales: SalesMeasurements | undefined;
    try {
      await sleep(cfg.settleSeconds * 1000);
      idle = await idleRss(pid, cfg.idleSeconds);
      floor = await startFloor(db, shared);
      log(`idle RSS ${idle?.median} MB; /api/health against the floor`);
      const [h, hf] = await loads.alternate(cfg.rounds, cfg.warmupSeconds, opts(`${server.baseUrl}/api/health`, { serverPid: pid }), opts(`${floor.url}/api/health`, { serverPid: floor.child.pid }));
      health = h;
      healthFloor = hf!;

      const probe = await fetch(`${server.baseUrl}/api/v1/contacts?limit=1`, { headers: cookie });
      await probe.arrayBuffer();
      if (probe.status === 404) recordsMissingReason = 'the contacts routes do not exist yet (customers module missing)';
      else if (!ids.length) recordsMissingReason = 'no contacts were seeded';
      else {
        log('record scenarios');
        let i = 0;
        const getLatency = await timeRuns(cfg.latencyRuns, cfg.latencyWarmup, () => fetchOk(`${server.baseUrl}/api/v1/contacts/${ids[i++ % ids.length]}`, cookie));
        let listRows = 0;
        const listLatency = await timeRuns(cfg.latencyRuns, cfg.latencyWarmup, async () => {
          const body = (await fetchOk(`${server.baseUrl}${listPath}`, cookie)) as { data: unknown[] };
          listRows = body.data.length;
        });
        const paths = ids.map((id) => `/api/v1/contacts/${id}`);
        const floorPaths = ids.map((id) => `/floor/contacts/${id}`);
        const [getLoad, getLoadFloor] = await loads.alternate(cfg.rounds, cfg.warmupSeconds, opts(server.baseUrl, { headers: cookie, paths, serverPid: pid }), shared ? opts(floor.url, { paths: floorPaths, serverPid: floor.child.pid }) : null);
        const [getLoadApiKey] = await loads.alternate(cfg.rounds, cfg.warmupSeconds, opts(server.baseUrl, { headers: apiKey, paths, serverPid: pid }), null);
        records = { getLatency, listLatency, listRows, getLoad, getLoadApiKey, ...(getLoadFloor ? { getLoadFloor } : {}) };
        // Before the customer scenarios: their import adds contacts, these read the seeded deals.
        if (salesPlan) sales = await runSalesScenarios(server, db, salesPlan, cfg, log);
        if (customersPlan) customers = await runCustomerScenarios(server, db, customersPlan, cfg, log);
      }
    } finally {
      await server.child.stop();
      await floor?.child.stop();
    }

    if (!records) return { start, idleRss: idle, health, healthFloor, recordsMissingReason, salesMissingReason };
    if (customers && customersPlan && db.kind === 'pglite') {
      log('floors: the recorded statements of search, the 360° page and the segment count; COPY for export and import');
      await measureCustomerFloors(db, customersPlan, cfg, customers);
    }
    if (sales && salesPlan && db.kind === 'pglite') {
      log('floors: the recorded statements of the kanban and forecast requests');
      await measureSalesFloors(db, salesPlan, cfg, sales);
    }
    if (!records.getLoadFloor) {
      log('record floor: bare Fastify on the data directory');
      const f = await startFloor(db, true);
      try {
        const [r] = await loads.alternate(cfg.rounds, cfg.warmupSeconds, opts(f.url, { paths: ids.map((id) => `/floor/contacts/${id}`), serverPid: f.child.pid }), null);
        records.getLoadFloor = r;
      } finally {
        await f.child.stop();
      }
    }

    log('floors: the same SQL through the bare driver');
    const database = await db.open();
    try {
      let i = 0;
      records.getSqlFloor = await timeRuns(cfg.latencyRuns, cfg.latencyWarmup, () => database.query(GET_RECORD_SQL, [db.seeded.workspaceId, ids[i++ % ids.length]]));
      records.listSqlFloor = await timeRuns(cfg.latencyRuns, cfg.latencyWarmup, () => database.query(LIST_BY_TAG_SQL, [db.seeded.workspaceId, BENCH_TAG]));
    } finally {
      await database.close();
    }
    // Last: the workflow scenarios change lifecycle stages and tags, and start servers of their own.
    const workflow = await runWorkflowScenarios(db, target, cfg, start.median, log);
    return { start, idleRss: idle, health, healthFloor, records: records as NonNullable<SuiteMeasurements['records']>, customers, sales, salesMissingReason, workflow };
  } finally {
    await loads.close();
  }
}
