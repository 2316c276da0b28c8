import { ApiClient } from './api-client';
import type { BenchDatabase } from './bench-database';
import {
  authStatements, BENCH_SEGMENT, loadPage, page360Requests, pickPageContacts, pickSearchQueries, recordRequest, replayer, searchPath,
  type RecordedPage, type SearchKind, type SearchQueries,
} from './customer-scenarios';
import { exportCopyFloor, exportFilter, runExportScenario, type ExportMeasurement } from './export-scenario';
import { buildImportFile, type ImportFile } from './import-file';
import { importCopyFloor, runImportScenario, type ImportMeasurement } from './import-scenario';
import { InProcessApp } from './in-process-app';
import type { RunningServer } from './server-process';
import { timePairedRuns, type Summary } from './stats';
import type { SuiteConfig } from './suite';

/** What the customer scenarios use, drawn from the data before the server holds it (PGlite allows one process). */
export interface CustomerPlan {
  queries: SearchQueries;
  pages: Array<{ id: string; accountId: string | null }>;
  exportSince: string;
  exportRows: number;
  importFile: ImportFile;
}

const PAGE_CONTACTS = 50;

export async function planCustomerScenarios(db: BenchDatabase, cfg: SuiteConfig): Promise<CustomerPlan> {
  const database = await db.open();
  try {
    const ws = db.seeded.workspaceId;
    const contacts = db.seeded.counts.contacts ?? 0;
    const { since, rows } = await exportFilter(database, ws, Math.min(cfg.exportRows, contacts));
    return {
      queries: await pickSearchQueries(database, ws),
      pages: await pickPageContacts(database, ws, PAGE_CONTACTS),
      exportSince: since,
      exportRows: rows,
      importFile: await buildImportFile(database, ws, cfg.importRows, db.seed),
    };
  } finally {
    await database.close();
  }
}

export interface PagedResult {
  latency: Summary;
  floor?: Summary;
}

export interface CustomerMeasurements {
  search: Partial<Record<SearchKind, PagedResult & { queries: string[]; hits: number }>>;
  page360?: PagedResult & { pages: number; requests: number };
  segmentCount?: PagedResult & { members: number };
  export?: ExportMeasurement & { floor?: { ms: number; rowsPerSecond: number; rows: number } };
  import?: ImportMeasurement & { floor?: { ms: number; rowsPerSecond: number }; duplicates: number; bad: number };
}

/** A query-shaped scenario: pages to load in rotation, each a list of stages of paths sent at once. */
export interface PagedScenario {
  pages: string[][][];
}

const searchScenario = (queries: string[]): PagedScenario => ({ pages: queries.map((q) => [[searchPath(q)]]) });
const pageScenario = (plan: CustomerPlan): PagedScenario => ({ pages: plan.pages.map((p) => page360Requests(p.id, p.accountId)) });
const SEGMENTS_PATH = '/api/v1/segments?object=contact';
const segmentScenario: PagedScenario = { pages: [[[SEGMENTS_PATH]]] };

/** Records the statements of every request of the scenario's pages, one request at a time. */
export async function recordPages(app: InProcessApp, headers: Record<string, string>, auth: ReadonlySet<string>, scenario: PagedScenario): Promise<RecordedPage[]> {
  const out: RecordedPage[] = [];
  for (const stages of scenario.pages) {
    const recorded: RecordedPage = [];
    for (const stage of stages) {
      const requests = [];
      for (const path of stage) requests.push(await recordRequest(app, headers, path, auth));
      recorded.push(requests);
    }
    out.push(recorded);
  }
  return out;
}

/**
 * The HTTP page loads of a scenario, and, with a recorded floor, its statements through bare
 * clients, in alternation.
 */
export async function measurePaged(server: RunningServer, headers: Record<string, string>, scenario: PagedScenario, cfg: SuiteConfig, floor?: { app: InProcessApp; pages: RecordedPage[] }): Promise<PagedResult> {
  const replay = floor ? await replayer(floor.app, floor.pages) : undefined;
  try {
    const [latency, floorLatency] = await timePairedRuns(
      { runs: cfg.latencyRuns, warmup: cfg.latencyWarmup, maxSeconds: cfg.scenarioSeconds },
      (i) => loadPage(server.baseUrl, headers, scenario.pages[i % scenario.pages.length]),
      replay ? (i) => replay.run(i % floor!.pages.length) : undefined,
    );
    return { latency, floor: floorLatency };
  } finally {
    await replay?.close();
  }
}

/**
 * Search, the 360° page, the segment count, export and import through the running server. On
 * PostgreSQL the floors of the first three are recorded here (the server's own app, in this
 * process) and measured in alternation with the HTTP runs; PGlite allows one process, so its
 * floors come after the server stops (measureCustomerFloors).
 */
export async function runCustomerScenarios(server: RunningServer, db: BenchDatabase, plan: CustomerPlan, cfg: SuiteConfig, log: (line: string) => void): Promise<CustomerMeasurements> {
  const cookie = { cookie: db.sessionCookie };
  const key = { authorization: `Bearer ${db.apiKey}` };
  const api = new ApiClient(server.baseUrl, key);
  const out: CustomerMeasurements = { search: {} };
  await api.call('POST', '/api/v1/segments', BENCH_SEGMENT, 201);

  const app = db.kind === 'postgres' ? await InProcessApp.open(db) : undefined;
  try {
    const auth = app ? await authStatements(app, cookie) : new Set<string>();
    const floorOf = async (scenario: PagedScenario) => (app ? { app, pages: await recordPages(app, cookie, auth, scenario) } : undefined);

    for (const kind of ['latin', 'hanzi', 'digits'] as const) {
      const queries = plan.queries[kind];
      if (!queries.length) continue;
      let hits = 0;
      for (const q of queries) {
        const body = await api.call<{ groups: Array<{ results: unknown[] }> }>('GET', searchPath(q));
        hits += body.groups.reduce((n, g) => n + g.results.length, 0);
      }
      const scenario = searchScenario(queries);
      out.search[kind] = { ...(await measurePaged(server, cookie, scenario, cfg, await floorOf(scenario))), queries, hits };
    }
    log(`search: ${Object.entries(out.search).map(([k, v]) => `${k} p95 ${v.latency.p95} ms`).join(', ')}`);

    if (plan.pages.length) {
      const scenario = pageScenario(plan);
      out.page360 = { ...(await measurePaged(server, cookie, scenario, cfg, await floorOf(scenario))), pages: scenario.pages.length, requests: Math.round(scenario.pages.reduce((n, s) => n + s.flat().length, 0) / scenario.pages.length) };
      log(`360° page: p95 ${out.page360.latency.p95} ms`);
    }

    const segments = await api.call<{ data: Array<{ name: string; count?: number }> }>('GET', SEGMENTS_PATH);
    const members = segments.data.find((s) => s.name === BENCH_SEGMENT.name)?.count;
    if (members === undefined) throw new Error('the benchmark segment came back without a count');
    out.segmentCount = { ...(await measurePaged(server, cookie, segmentScenario, cfg, await floorOf(segmentScenario))), members };
    log(`segment count: ${members} members, p95 ${out.segmentCount.latency.p95} ms`);

    log(`export of ${plan.exportRows.toLocaleString('en')} rows`);
    out.export = await runExportScenario(api, key, plan.exportSince, server.child.pid);
    if (app) out.export.floor = await exportCopyFloor(app.database, db.url, db.seeded.workspaceId, plan.exportSince);
    log(`export: ${out.export.rows} rows in ${(out.export.ms / 1000).toFixed(1)} s (${out.export.path})`);

    log(`import of ${plan.importFile.rows.toLocaleString('en')} rows`);
    const imported = await runImportScenario(api, plan.importFile, server.child.pid);
    out.import = { ...imported, duplicates: plan.importFile.duplicates, bad: plan.importFile.bad };
    if (app) out.import.floor = await importCopyFloor(app.database, plan.importFile);
    log(`import: ${Math.round(imported.rowsPerSecond)} rows/s, ${JSON.stringify(imported.counts)}`);
  } finally {
    await app?.close();
  }
  return out;
}

/** PGlite: the floors, once the server has stopped and this process may open the data directory. */
export async function measureCustomerFloors(db: BenchDatabase, plan: CustomerPlan, cfg: SuiteConfig, m: CustomerMeasurements): Promise<void> {
  const app = await InProcessApp.open(db);
  try {
    const cookie = { cookie: db.sessionCookie };
    const auth = await authStatements(app, cookie);
    const floorOnly = async (scenario: PagedScenario): Promise<Summary> => {
      const pages = await recordPages(app, cookie, auth, scenario);
      const replay = await replayer(app, pages);
      try {
        return (await timePairedRuns({ runs: cfg.latencyRuns, warmup: cfg.latencyWarmup, maxSeconds: cfg.scenarioSeconds }, (i) => replay.run(i % pages.length)))[0];
      } finally {
        await replay.close();
      }
    };
    for (const kind of ['latin', 'hanzi', 'digits'] as const) {
      const result = m.search[kind];
      if (result) result.floor = await floorOnly(searchScenario(result.queries));
    }
    if (m.page360) m.page360.floor = await floorOnly(pageScenario(plan));
    if (m.segmentCount) m.segmentCount.floor = await floorOnly(segmentScenario);
    if (m.export) m.export.floor = await exportCopyFloor(app.database, db.url, db.seeded.workspaceId, plan.exportSince);
    if (m.import) m.import.floor = await importCopyFloor(app.database, plan.importFile);
  } finally {
    await app.close();
  }
}
