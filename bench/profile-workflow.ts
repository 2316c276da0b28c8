// Dev tool: runs only the workflow engine's scenarios (events throughput and latency, timer lag)
// on a freshly seeded PostgreSQL database, with the full run's sizes unless told otherwise.
//   npx tsx bench/profile-workflow.ts [--scale 10k] [--events 10000] [--waits 100000] [--cpu-prof <dir>]
// With --cpu-prof each server started writes a V8 CPU profile into <dir> when it stops.
import { prepareBenchDatabase } from './scenarios/bench-database';
import { suiteConfig } from './scenarios/suite';
import { runWorkflowScenarios } from './scenarios/workflow-suite';
import { isScale } from './seed/scales';

const arg = (n: string, d: string) => { const i = process.argv.indexOf(`--${n}`); return i > 0 ? process.argv[i + 1] : d; };
const scale = arg('scale', '10k');
if (!isScale(scale)) throw new Error(`unknown scale ${scale}`);
const t0 = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const cfg = { ...suiteConfig(false), workflowEvents: Number(arg('events', '10000')), pendingWaits: Number(arg('waits', '100000')) };
const db = await prepareBenchDatabase({ kind: 'postgres', adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', scale, seed: '1', log });
try {
  const profileDir = arg('cpu-prof', '');
  const env = profileDir ? { NODE_OPTIONS: `--import ${profileDir}/cpuprof.mjs` } : undefined;
  const m = await runWorkflowScenarios(db, { databaseUrl: db.url, dataDir: db.dataDir, env }, cfg, 2000, log);
  const e = m.events;
  if (e) {
    log(`events ${e.events} in ${e.seconds.toFixed(1)} s (written in ${e.writeSeconds.toFixed(1)} s): ${e.eventsPerSecond} events/s; floor ${e.floor?.eventsPerSecond} events/s`);
    log(`latency median ${e.latency.median} p95 ${e.latency.p95} ms; to run start median ${e.startLatency.median} p95 ${e.startLatency.p95} ms`);
  } else log(`events failed: ${m.eventsFailure}`);
  if (m.timers) log(`timers: lag median ${m.timers.lag.median} p95 ${m.timers.lag.p95} ms, ${m.timers.fired}/${m.timers.due} fired with ${m.timers.pending} pending`);
  else log(`timers failed: ${m.timersFailure}`);
} finally {
  await db.drop();
}
