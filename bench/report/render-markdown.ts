import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { explainMiss } from './explain';
import type { BenchRun, Measurement, ScenarioResult } from './results';

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

function value(m: Measurement, stat: 'median' | 'p95'): string {
  const v = m.value[stat];
  switch (m.unit) {
    case 'req/s':
      return `${fmt(v)} req/s`;
    case 'rows/s':
      return `${fmt(v)} rows/s`;
    case 'ms':
      return `${fmt(v, v < 10 ? 2 : 1)} ms`;
    case 's':
      return `${fmt(v, 1)} s`;
    default:
      return `${fmt(v, 1)} ${m.unit}`;
  }
}

function ratio(s: ScenarioResult): string {
  if (s.ratio === undefined || !s.result) return '—';
  return s.result.unit === 'req/s' || s.result.unit === 'rows/s' ? `${Math.round(s.ratio * 100)}% of floor` : `${fmt(s.ratio, 1)}× floor`;
}

function status(s: ScenarioResult): string {
  if (!s.target || s.met === undefined) return '—';
  const word = s.met ? 'met' : '**not met**';
  return s.targetApplies ? word : `${word} (reference)`;
}

function row(s: ScenarioResult): string {
  const r = s.result!;
  const p95 = r.unit === 'req/s' ? (r.latency ? `latency p95 ${fmt(r.latency.p95, 1)} ms` : '—') : r.value.runs > 1 ? value(r, 'p95') : '—';
  const floor = s.floor ? value(s.floor, 'median') + (s.floor.unit === 'ms' ? ` (p95 ${value(s.floor, 'p95')})` : '') : '—';
  return `| ${s.title} | ${value(r, 'median')} | ${p95} | ${floor} | ${ratio(s)} | ${s.target?.text ?? '—'} | ${status(s)} |`;
}

/** The section of one database's latest run, between markers so other sections survive. */
export function renderRunSection(run: BenchRun): string {
  const measured = run.scenarios.filter((s) => s.status === 'measured');
  const missing = run.scenarios.filter((s) => s.status !== 'measured');
  const misses = measured.filter((s) => s.met === false);
  const name = run.database === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)';
  const m = run.machine;
  const lines = [
    `## ${name}: latest ${run.quick ? 'quick' : 'full'} run`,
    '',
    `- When: ${run.startedAt.replace('T', ' ').slice(0, 16)} UTC, ${fmt(run.durationSeconds / 60, 1)} min end to end.`,
    `- Data: scale \`${run.scale}\`, seed \`${run.seed}\`: ${Object.entries(run.data).map(([t, n]) => `${fmt(n)} ${t}`).join(', ')}.`,
    `- Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB memory, Node ${m.node}, ${m.platform}${m.postgres ? `, ${m.postgres}` : ''}; load average at start ${m.loadAverage.join(' / ')}.`,
    `- Command: \`${run.command}\``,
    '',
    '| Scenario | Median | p95 | Floor (median) | vs floor | Target | Status |',
    '|---|---|---|---|---|---|---|',
    ...measured.map(row),
    '',
    '"(reference)": the issue defines that target on another database or scale; the status says how this run compares.',
    '',
  ];
  const notes = measured.flatMap((s) => [...(s.result?.label ? [`${s.title}: ${s.result.label}${s.floor?.label ? `; floor: ${s.floor.label}` : ''}.`] : []), ...s.notes.map((n) => `${s.title}: ${n}.`)]);
  if (notes.length) lines.push('### How each figure was taken', '', ...notes.map((n) => `- ${n}`), '');
  lines.push('### Misses explained', '');
  lines.push(...(misses.length ? misses.map((s) => `- **${s.title}** (${value(s.result!, s.target!.stat)} against ${s.target!.text}): ${explainMiss(s, run)}`) : ['- None in this run.']), '');
  lines.push('### Not yet measurable', '', ...missing.map((s) => `- ${s.title}: ${s.reason ?? s.status}.`), ...run.notYetSeeded.map((n) => `- Seed data: ${n}.`), '');
  return lines.join('\n');
}

const HEADER = `# Benchmarks

\`npm run bench\` seeds a fresh database with the deterministic generator, starts the real
server (\`startServer\`, as \`voyage serve\` does) in its own process, and measures each scenario
against a floor taken in the same run:

- HTTP requests per second: autocannon in a second process, against a bare Fastify route
  (no plugins, no logging) serving the same answer: for records, running the same SQL.
- Query-shaped scenarios: the same SQL through the bare driver (\`pg\`, or PGlite in process).
- Each result gives the median and p95 over its runs (per-second samples for throughput,
  plus per-request latency), the ratio to its floor, and the issue's target as met or not met.
  It is a report, never a test: it does not fail CI.

The sections below are rewritten by each full run of their database; quick runs (\`--quick\`)
write only \`bench/results/<date>.json\` unless given \`--write-doc\`.

## Reproduce

\`\`\`sh
npm ci
npm run bench                         # PostgreSQL at postgres://postgres@127.0.0.1:5432, scale 100k
npm run bench -- --scale 1m           # the issue's full scale (about 1,000,000 contacts)
npm run bench -- --db pglite          # embedded database, scale 10k
npm run bench -- --quick              # CI smoke mode, 10k, under 2 minutes
npx tsx bench/seed/cli.ts --scale 10k # seed only, into DATABASE_URL or the PGlite data directory
SLOW_QUERY_MS=50 npm run voyage serve # log queries over 50 ms with their EXPLAIN plan
\`\`\`

Options: \`--db postgres|pglite\`, \`--scale 10k|100k|1m\`, \`--seed <text>\`, \`--quick\`,
\`--admin-url <postgres url>\` (or \`BENCH_DATABASE_URL\`), \`--keep\` (keep the database),
\`--write-doc\`. Results go to \`bench/results/<date>.json\`.
`;

const marker = (db: string) => [`<!-- bench:${db}:start -->`, `<!-- bench:${db}:end -->`] as const;

/** Rewrites the document: the header, and this run's database section; the other database's section is kept. */
export function writeBenchmarksDoc(file: string, run: BenchRun): void {
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const sections = (['postgres', 'pglite'] as const).map((db) => {
    const [open, close] = marker(db);
    if (db === run.database) return `${open}\n${renderRunSection(run)}${close}`;
    const a = previous.indexOf(open);
    const b = previous.indexOf(close);
    return a >= 0 && b > a ? previous.slice(a, b + close.length) : `${open}\n## ${db === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)'}\n\nNo full run recorded yet: \`npm run bench${db === 'pglite' ? ' -- --db pglite' : ''}\`.\n\n${close}`;
  });
  writeFileSync(file, `${HEADER}\n${sections.join('\n\n')}\n`);
}
