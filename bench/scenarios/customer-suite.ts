import { ApiClient } from './api-client';
import type { BenchDatabase } from './bench-database';
import {
  authStatements, BENCH_SEGMENT, loadPage, page360Requests, pickPageContacts, pickSearchQueries, recordRequest, replayPages, searchPath,
  type RecordedPage, type SearchKind, type SearchQueries,
} from './customer-scenarios';
import { exportCopyFloor, exportFilter, runExportScenario, type ExportMeasurement } from './export-scenario';
import { buildImportFile, type ImportFile } from './import-file';
import { importCopyFloor, runImportScenario, type ImportMeasurement } from './import-scenario';
import { InProcessApp } from './in-process-app';
import type { RunningServer } from './server-process';
import { timeRuns, type Summary } from './stats';
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

export interface SearchResult {
  latency: Summary;
  floor?: Summary;
  queries: string[];
  /** Results of all rotated queries together, to show they find something. */
  hits: number;
}

export interface CustomerMeasurements {
  search: Partial<Record<SearchKind, SearchResult>>;
  page360?: { latency: Summary; floor?: Summary; pages: number; requests: number };
  segmentCount?: { latency: Summary; floor?: Summary; members: number };
  export?: ExportMeasurement & { floor?: { ms: number; rowsPerSecond: number; rows: number } };
  import?: ImportMeasurement & { floor?: { ms: number; rowsPerSecond: number }; duplicates: number; bad: number };
}

/** Search, the 360° page, the segment count, export and import through the running server. */
export async function runCustomerScenarios(server: RunningServer, db: BenchDatabase, plan: CustomerPlan, cfg: SuiteConfig, log: (line: string) => void): Promise<CustomerMeasurements> {
  const cookie = { cookie: db.sessionCookie };
  const key = { authorization: `Bearer ${db.apiKey}` };
  const api = new ApiClient(server.baseUrl, key);
  const out: CustomerMeasurements = { search: {} };

  for (const kind of ['latin', 'hanzi', 'digits'] as const) {
    const queries = plan.queries[kind];
    if (!queries.length) continue;
    let hits = 0;
    let i = 0;
    const latency = await timeRuns(cfg.latencyRuns, cfg.latencyWarmup, async (run) => {
      const res = await fetch(`${server.baseUrl}${searchPath(queries[i++ % queries.length])}`, { headers: cookie });
      const body = (await res.json()) as { groups: Array<{ results: unknown[] }> };
      if (!res.ok) throw new Error(`search answered ${res.status}`);
      if (run >= cfg.latencyWarmup && run < cfg.latencyWarmup + queries.length) hits += body.groups.reduce((n, g) => n + g.results.length, 0);
    });
    out.search[kind] = { latency, queries, hits };
  }
  log(`search: ${Object.entries(out.search).map(([k, v]) => `${k} p95 ${v.latency.p95} ms`).join(', ')}`);

  if (plan.pages.length) {
    const stages = plan.pages.map((p) => page360Requests(p.id, p.accountId));
    let i = 0;
    const latency = await timeRuns(cfg.latencyRuns, cfg.latencyWarmup, () => loadPage(server.baseUrl, cookie, stages[i++ % stages.length]));
    out.page360 = { latency, pages: stages.length, requests: Math.round(stages.reduce((n, s) => n + s.flat().length, 0) / stages.length) };
    log(`360° page: p95 ${latency.p95} ms`);
  }

  await api.call('POST', '/api/v1/segments', BENCH_SEGMENT, 201);
  let members = 0;
  const segmentLatency = await timeRuns(cfg.latencyRuns, cfg.latencyWarmup, async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/segments?object=contact`, { headers: cookie });
    const body = (await res.json()) as { data: Array<{ name: string; count?: number }> };
    if (!res.ok) throw new Error(`segments answered ${res.status}`);
    members = body.data.find((s) => s.name === BENCH_SEGMENT.name)?.count ?? -1;
  });
  if (members < 0) throw new Error('the benchmark segment came back without a count');
  out.segmentCount = { latency: segmentLatency, members };
  log(`segment count: ${members} members, p95 ${segmentLatency.p95} ms`);

  log(`export of ${plan.exportRows.toLocaleString('en')} rows`);
  out.export = await runExportScenario(api, key, plan.exportSince, server.child.pid);
  log(`export: ${out.export.rows} rows in ${(out.export.ms / 1000).toFixed(1)} s (${out.export.path})`);

  log(`import of ${plan.importFile.rows.toLocaleString('en')} rows`);
  const imported = await runImportScenario(api, plan.importFile, server.child.pid);
  out.import = { ...imported, duplicates: plan.importFile.duplicates, bad: plan.importFile.bad };
  log(`import: ${Math.round(imported.rowsPerSecond)} rows/s, ${JSON.stringify(imported.counts)}`);
  return out;
}

/**
 * The floors, with the server stopped: the recorded statements of search, the 360° page and the
 * segment count replayed through bare clients, COPY for export and import.
 */
export async function measureCustomerFloors(db: BenchDatabase, plan: CustomerPlan, cfg: SuiteConfig, m: CustomerMeasurements): Promise<void> {
  const app = await InProcessApp.open(db);
  try {
    const cookie = { cookie: db.sessionCookie };
    const auth = await authStatements(app, cookie);
    for (const kind of ['latin', 'hanzi', 'digits'] as const) {
      const result = m.search[kind];
      if (!result) continue;
      const pages: RecordedPage[] = [];
      for (const q of result.queries) pages.push([[await recordRequest(app, cookie, searchPath(q), auth)]]);
      result.floor = await replayPages(app, pages, cfg.latencyRuns, cfg.latencyWarmup);
    }
    if (m.page360) {
      const pages: RecordedPage[] = [];
      for (const p of plan.pages) {
        const stages: Awaited<ReturnType<typeof recordRequest>>[][] = [];
        // Recorded one request at a time, so that each gets its own statements; replayed at once.
        for (const stage of page360Requests(p.id, p.accountId)) {
          const recorded = [];
          for (const path of stage) recorded.push(await recordRequest(app, cookie, path, auth));
          stages.push(recorded);
        }
        pages.push(stages);
      }
      m.page360.floor = await replayPages(app, pages, cfg.latencyRuns, cfg.latencyWarmup);
    }
    if (m.segmentCount) m.segmentCount.floor = await replayPages(app, [[[await recordRequest(app, cookie, '/api/v1/segments?object=contact', auth)]]], cfg.latencyRuns, cfg.latencyWarmup);
    const ws = db.seeded.workspaceId;
    if (m.export) m.export.floor = await exportCopyFloor(app.database, db.url, ws, plan.exportSince);
    if (m.import) m.import.floor = await importCopyFloor(app.database, plan.importFile);
  } finally {
    await app.close();
  }
}
