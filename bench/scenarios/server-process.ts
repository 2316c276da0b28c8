import { rssMb } from './machine';
import { freePort, spawnNode, waitForHttp, type Child } from './processes';
// @ts-expect-error: a plain ES module without types
import { buildServer, serverBundleIsFresh, SERVER_BUNDLE } from '../../scripts/build-server.mjs';
import { summarize, type Summary } from './stats';

/** The cookie-signing secret of the benchmark server, so the harness can sign a session cookie. */
export const BENCH_SECRET = 'voyage-benchmark-secret-not-for-production';

/** Where the benchmark server keeps its data: PostgreSQL (with a files directory) or a PGlite data directory. */
export interface ServerTarget {
  databaseUrl?: string;
  dataDir: string;
  /** Extra environment, e.g. SLOW_QUERY_MS to profile a scenario. */
  env?: Record<string, string>;
}

export interface RunningServer {
  child: Child;
  baseUrl: string;
}

/** Environment of the benchmark's `voyage serve`: production defaults except the port and limits a load test trips. */
export function serverEnv(target: ServerTarget, port: number): Record<string, string> {
  return {
    // On PostgreSQL the data directory holds only uploaded and exported files.
    ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : {}),
    VOYAGE_DATA_DIR: target.dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    VOYAGE_SECRET: BENCH_SECRET,
    VOYAGE_DEMO: 'false',
    // One client sends every request here; the per-client limit would answer 429 within a second.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    ...target.env,
  };
}

/** Starts `voyage serve` and returns once /api/health answers; `ms` is the time from spawn. */
export async function startVoyage(target: ServerTarget): Promise<RunningServer & { ms: number }> {
  const port = await freePort();
  const t0 = performance.now();
  // The production artifact: the bundled `voyage serve` run by plain Node (what `npm start` runs).
  if (!serverBundleIsFresh()) await buildServer();
  const child = spawnNode([SERVER_BUNDLE, 'serve'], serverEnv(target, port));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    const ms = await waitForHttp(`${baseUrl}/api/health`, child, t0);
    return { child, baseUrl, ms };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/**
 * Start time to the first answer, over `runs` starts on the same (existing) data. The last
 * server is left running and returned.
 */
export async function measureStarts(target: ServerTarget, runs: number): Promise<{ start: Summary; server: RunningServer }> {
  const times: number[] = [];
  let server: RunningServer | undefined;
  for (let i = 0; i < runs; i++) {
    const started = await startVoyage(target);
    times.push(started.ms);
    if (i < runs - 1) await started.child.stop();
    else server = started;
  }
  return { start: summarize(times), server: server! };
}

/** RSS samples of an idle process over `seconds` (after it has settled). */
export async function idleRss(pid: number, seconds: number): Promise<Summary | null> {
  const samples: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const rss = rssMb(pid);
    if (rss !== null) samples.push(rss);
    await new Promise((r) => setTimeout(r, 250));
  }
  return samples.length ? summarize(samples) : null;
}
