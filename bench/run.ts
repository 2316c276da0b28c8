// `npm run bench`: seed a fresh database, run every scenario that exists against its floor,
// write bench/results/<date>.json and (for full runs) docs/BENCHMARKS.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { buildResults } from './report/build-results';
import type { BenchRun } from './report/results';
import { writeBenchmarksDoc } from './report/render-markdown';
import { prepareBenchDatabase } from './scenarios/bench-database';
import { describeMachine } from './scenarios/machine';
import { REPO_ROOT } from './scenarios/processes';
import { runSuite, suiteConfig } from './scenarios/suite';
import { isScale, SCALES, type Scale } from './seed/scales';

const QUICK_TIMELINE_SHARE = 0.25;

interface Args {
  database: 'postgres' | 'pglite';
  scale: Scale;
  seed: string;
  quick: boolean;
  adminUrl: string;
  keep: boolean;
  writeDoc: boolean;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  const flag = (name: string) => argv.includes(`--${name}`);
  const database = value('db') ?? 'postgres';
  if (database !== 'postgres' && database !== 'pglite') throw new Error('--db must be postgres or pglite');
  const quick = flag('quick');
  const scale = value('scale') ?? (quick || database === 'pglite' ? '10k' : '100k');
  if (!isScale(scale)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  return {
    database,
    scale,
    seed: value('seed') ?? '1',
    quick,
    adminUrl: value('admin-url') ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    keep: flag('keep'),
    writeDoc: flag('write-doc') || (!quick && !flag('no-doc')),
  };
}

async function postgresVersion(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const r = await client.query<{ v: string }>('show server_version');
    return `PostgreSQL ${r.rows[0].v.split(' ')[0]}`;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main(argv: string[]): Promise<void> {
  // `--render <results.json>`: rewrite docs/BENCHMARKS.md from a stored run (after editing the report code).
  const render = argv.indexOf('--render');
  if (render >= 0) {
    const stored = JSON.parse(readFileSync(argv[render + 1], 'utf8')) as BenchRun;
    writeBenchmarksDoc(path.join(REPO_ROOT, 'docs/BENCHMARKS.md'), stored);
    console.log(`rewrote docs/BENCHMARKS.md from ${argv[render + 1]}`);
    return;
  }
  const args = parseArgs(argv);
  const started = new Date();
  const t0 = performance.now();
  const log = (line: string) => console.log(`[bench ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}`);
  const machine = describeMachine();
  if (args.database === 'postgres') machine.postgres = await postgresVersion(args.adminUrl);
  const cfg = suiteConfig(args.quick);
  log(`${args.database}, scale ${args.scale}${args.quick ? ', quick' : ''}; ${machine.cpuModel}, ${machine.cores} cores, load ${machine.loadAverage.join('/')}`);

  // The smoke run gives one contact in four a history: enough to exercise the timeline scenarios within CI's 2 minutes.
  const sizes = args.quick ? { timelineShare: Math.min(SCALES[args.scale].timelineShare, QUICK_TIMELINE_SHARE) } : undefined;
  const db = await prepareBenchDatabase({ kind: args.database, adminUrl: args.adminUrl, scale: args.scale, seed: args.seed, sizes, log });
  log(`seeded in ${db.seeded.seconds.toFixed(1)} s: ${JSON.stringify(db.seeded.counts)}`);
  let run: BenchRun;
  try {
    const measurements = await runSuite(db, cfg, log);
    const finished = new Date();
    run = {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationSeconds: Math.round((performance.now() - t0) / 1000),
      database: args.database,
      scale: args.scale,
      quick: args.quick,
      seed: args.seed,
      command: `npm run bench -- ${argv.filter((a) => a !== '--write-doc' && a !== '--no-doc').join(' ')}`.trim().replace(/ --$/, ''),
      machine,
      data: db.seeded.counts,
      notYetSeeded: db.seeded.notYetPossible,
      scenarios: buildResults(measurements, db, { database: args.database, scale: args.scale, quick: args.quick, connections: cfg.connections, loadSeconds: cfg.loadSeconds }),
    };
  } finally {
    if (args.keep) log(`kept ${db.url ?? db.dataDir}`);
    else await db.drop();
  }

  const dir = path.join(REPO_ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${run.startedAt.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}.json`);
  writeFileSync(file, JSON.stringify(run, null, 2) + '\n');
  log(`wrote ${path.relative(REPO_ROOT, file)}`);
  if (args.writeDoc) {
    writeBenchmarksDoc(path.join(REPO_ROOT, 'docs/BENCHMARKS.md'), run);
    log('rewrote docs/BENCHMARKS.md');
  }
  for (const s of run.scenarios) {
    if (s.status !== 'measured' || !s.result) continue;
    const r = s.result;
    const floor = s.floor ? ` | floor ${s.floor.value.median} ${s.floor.unit}` : '';
    const verdict = s.met === undefined ? '' : (s.met ? ' | met' : ' | NOT MET') + (s.targetApplies ? '' : ' (reference)');
    console.log(`  ${s.id.padEnd(20)} median ${r.value.median} ${r.unit}, p95 ${r.unit === 'req/s' ? `${r.latency?.p95} ms latency` : `${r.value.p95} ${r.unit}`}${floor}${verdict}`);
  }
  log(`done in ${run.durationSeconds} s`);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  // A missed target never fails the run (it is a report); a broken harness does, so it cannot rot.
  process.exitCode = 1;
});
