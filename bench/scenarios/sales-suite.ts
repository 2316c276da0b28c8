import { sign } from '@fastify/cookie';
import { createSession } from '@voyage/kernel';
import { ApiClient } from './api-client';
import type { BenchDatabase } from './bench-database';
import { authStatements, replayer } from './customer-scenarios';
import { measurePaged, recordPages, type PagedResult, type PagedScenario } from './customer-suite';
import { InProcessApp } from './in-process-app';
import { BENCH_SECRET, type RunningServer } from './server-process';
import { timePairedRuns, type Summary } from './stats';
import type { SuiteConfig } from './suite';

/** What the kanban and forecast scenarios use, drawn before the server holds the database (PGlite allows one process). */
export interface SalesPlan {
  pipelineId: string;
  /** Deals in the default pipeline, and of them open. */
  pipelineDeals: number;
  pipelineOpen: number;
  /** The sales rep (data scope: own deals) with the most deals, signed in as the web app is. */
  rep: { id: string; deals: number; cookie: string };
}

/** The board as the kanban page asks for it: one pipeline, the 50 most recently changed cards per column. */
export const boardPath = (pipelineId: string) => `/api/v1/deals/board?pipelineId=${pipelineId}&perStage=50`;
/** The forecast page's weighted pipeline switched to quarters, grouped by owner (its default grouping). */
export const FORECAST_PATH = '/api/v1/forecast/pipeline?period=quarter&groupBy=owner';
/** The forecast page's statistical tab: the quarterly forecast from won-deal history, with its band and backtest. */
export const STATISTICAL_PATH = '/api/v1/forecast/statistical';
/** The sales performance report's leaderboard for a year of the data set (its history ends 2026-11-01). */
export const LEADERBOARD_PATH = '/api/v1/sales-performance?from=2026-01-01&to=2026-12-31';

/** The default pipeline and a rep with deals; undefined (with the reason) when there is nothing to measure. */
export async function planSalesScenarios(db: BenchDatabase): Promise<{ plan?: SalesPlan; reason?: string }> {
  if (!db.seeded.counts.deals) return { reason: db.seeded.notYetPossible.find((n) => n.startsWith('deals')) ?? 'no deals were seeded' };
  const database = await db.open();
  try {
    const ws = db.seeded.workspaceId;
    const [pipeline] = await database.query<{ id: string; deals: number; open: number }>(
      `select p.id, count(d.id)::int as deals, count(d.id) filter (where d.status = 'open')::int as open
         from pipelines p left join deals d on d.workspace_id = p.workspace_id and d.pipeline_id = p.id and d.deleted_at is null
        where p.workspace_id = $1 and p.is_default and p.deleted_at is null group by p.id`, [ws]);
    const [rep] = await database.query<{ id: string; deals: number }>(
      `select m.user_id as id, count(d.id)::int as deals from memberships m join roles r on r.workspace_id = m.workspace_id and r.id = m.role_id and r.key = 'rep'
         join deals d on d.workspace_id = m.workspace_id and d.owner_id = m.user_id
        where m.workspace_id = $1 group by m.user_id order by deals desc, m.user_id limit 1`, [ws]);
    if (!pipeline || !rep) return { reason: 'no default pipeline or no sales rep with deals in the seeded workspace' };
    const session = await createSession(database.db, { userId: rep.id, workspaceId: ws, hours: 24 });
    return { plan: { pipelineId: pipeline.id, pipelineDeals: pipeline.deals, pipelineOpen: pipeline.open, rep: { id: rep.id, deals: rep.deals, cookie: `voyage_session=${sign(session.token, BENCH_SECRET)}` } } };
  } finally {
    await database.close();
  }
}

export interface SalesMeasurements {
  board: { admin: PagedResult & { onBoard: number; cards: number }; rep: PagedResult & { onBoard: number; cards: number } };
  forecast: { admin: PagedResult & { rows: number; periods: string[] }; rep: PagedResult & { rows: number; periods: string[] } };
  statistical?: PagedResult & { historyQuarters: number; model: string };
  leaderboard?: { admin: PagedResult & { reps: number }; rep: PagedResult & { reps: number } };
}

const one = (path: string): PagedScenario => ({ pages: [[[path]]] });

interface BoardBody {
  columns: Array<{ count: number; deals: unknown[] }>;
}
interface ForecastBody {
  periods: string[];
  rows: unknown[];
}

/**
 * The kanban's data and the forecast through the running server, as the admin (all deals) and
 * as a rep (own deals: the data scope is part of every query). On PostgreSQL each request's
 * statements are recorded from the server's own code in this process and replayed through a
 * bare client in alternation with the HTTP runs; PGlite's floors come after the server stops.
 */
export async function runSalesScenarios(server: RunningServer, db: BenchDatabase, plan: SalesPlan, cfg: SuiteConfig, log: (line: string) => void): Promise<SalesMeasurements> {
  const admin = { cookie: db.sessionCookie };
  const rep = { cookie: plan.rep.cookie };
  const board = boardPath(plan.pipelineId);
  const boardInfo = async (headers: Record<string, string>) => {
    const body = await new ApiClient(server.baseUrl, headers).call<BoardBody>('GET', board);
    return { onBoard: body.columns.reduce((n, c) => n + c.count, 0), cards: body.columns.reduce((n, c) => n + c.deals.length, 0) };
  };
  const forecastInfo = async (headers: Record<string, string>) => {
    const body = await new ApiClient(server.baseUrl, headers).call<ForecastBody>('GET', FORECAST_PATH);
    return { rows: body.rows.length, periods: body.periods };
  };
  const statistical = await new ApiClient(server.baseUrl, admin).request<{ historyQuarters: number; model: string }>('GET', STATISTICAL_PATH);

  const app = db.kind === 'postgres' ? await InProcessApp.open(db) : undefined;
  try {
    const auth = app ? new Set([...(await authStatements(app, admin)), ...(await authStatements(app, rep))]) : new Set<string>();
    const measure = async (headers: Record<string, string>, path: string) => {
      const scenario = one(path);
      return measurePaged(server, headers, scenario, cfg, app ? { app, pages: await recordPages(app, headers, auth, scenario) } : undefined);
    };
    const out: SalesMeasurements = {
      board: {
        admin: { ...(await boardInfo(admin)), ...(await measure(admin, board)) },
        rep: { ...(await boardInfo(rep)), ...(await measure(rep, board)) },
      },
      forecast: {
        admin: { ...(await forecastInfo(admin)), ...(await measure(admin, FORECAST_PATH)) },
        rep: { ...(await forecastInfo(rep)), ...(await measure(rep, FORECAST_PATH)) },
      },
    };
    log(`kanban: admin p95 ${out.board.admin.latency.p95} ms (${out.board.admin.onBoard} deals), rep p95 ${out.board.rep.latency.p95} ms (${out.board.rep.onBoard} deals)`);
    log(`forecast: admin p95 ${out.forecast.admin.latency.p95} ms, rep p95 ${out.forecast.rep.latency.p95} ms`);
    if (statistical.status === 200) {
      out.statistical = { ...(await measure(admin, STATISTICAL_PATH)), historyQuarters: statistical.body.historyQuarters, model: statistical.body.model };
      log(`statistical forecast: p95 ${out.statistical.latency.p95} ms`);
    } else log(`statistical forecast answered ${statistical.status}: not measured`);
    const reps = async (headers: Record<string, string>) => ({ reps: (await new ApiClient(server.baseUrl, headers).call<{ reps: unknown[] }>('GET', LEADERBOARD_PATH)).reps.length });
    out.leaderboard = {
      admin: { ...(await reps(admin)), ...(await measure(admin, LEADERBOARD_PATH)) },
      rep: { ...(await reps(rep)), ...(await measure(rep, LEADERBOARD_PATH)) },
    };
    log(`leaderboard: admin p95 ${out.leaderboard.admin.latency.p95} ms, rep p95 ${out.leaderboard.rep.latency.p95} ms`);
    return out;
  } finally {
    await app?.close();
  }
}

/** PGlite: the recorded statements of each request through the embedded database, once the server has stopped. */
export async function measureSalesFloors(db: BenchDatabase, plan: SalesPlan, cfg: SuiteConfig, m: SalesMeasurements): Promise<void> {
  const app = await InProcessApp.open(db);
  try {
    const admin = { cookie: db.sessionCookie };
    const rep = { cookie: plan.rep.cookie };
    const auth = new Set([...(await authStatements(app, admin)), ...(await authStatements(app, rep))]);
    const floorOnly = async (headers: Record<string, string>, path: string): Promise<Summary> => {
      const pages = await recordPages(app, headers, auth, one(path));
      const replay = await replayer(app, pages);
      try {
        return (await timePairedRuns({ runs: cfg.latencyRuns, warmup: cfg.latencyWarmup, maxSeconds: cfg.scenarioSeconds }, () => replay.run(0)))[0];
      } finally {
        await replay.close();
      }
    };
    const board = boardPath(plan.pipelineId);
    m.board.admin.floor = await floorOnly(admin, board);
    m.board.rep.floor = await floorOnly(rep, board);
    m.forecast.admin.floor = await floorOnly(admin, FORECAST_PATH);
    m.forecast.rep.floor = await floorOnly(rep, FORECAST_PATH);
    if (m.statistical) m.statistical.floor = await floorOnly(admin, STATISTICAL_PATH);
    if (m.leaderboard) {
      m.leaderboard.admin.floor = await floorOnly(admin, LEADERBOARD_PATH);
      m.leaderboard.rep.floor = await floorOnly(rep, LEADERBOARD_PATH);
    }
  } finally {
    await app.close();
  }
}
