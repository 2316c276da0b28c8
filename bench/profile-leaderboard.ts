// Dev tool: times the sales performance report (the bench's leaderboard path, or --path) on a seeded
// PostgreSQL database, as the admin and as the rep with the most deals, and prints the SQL
// of one admin call (for EXPLAIN).
//   npx tsx bench/profile-leaderboard.ts --url postgres://…/db [--runs 50] [--sql] [--body] [--direct] [--path /api/v1/sales-performance?…]
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sign } from '@fastify/cookie';
import { createSession, openDatabase } from '@voyage/kernel';
import type { BenchDatabase } from './scenarios/bench-database';
import { InProcessApp } from './scenarios/in-process-app';
import { LEADERBOARD_PATH } from './scenarios/sales-suite';
import { BENCH_SECRET } from './scenarios/server-process';
import { performanceRollups } from '../modules/sales/src/performance/range-split';

const arg = (n: string, d: string) => { const i = process.argv.indexOf(`--${n}`); return i > 0 ? process.argv[i + 1] : d; };
const url = arg('url', '');
if (!url) throw new Error('--url is required');
// --direct: the report from the records, without the rollups (to compare figures and times).
if (process.argv.includes('--direct')) performanceRollups.enabled = false;
const runs = Number(arg('runs', '50'));
const target = arg('path', LEADERBOARD_PATH);
const database = await openDatabase({ url, poolSize: 4 });
const [ws] = await database.query<{ workspace_id: string; admin: string }>(
  `select m.workspace_id, m.user_id as admin from memberships m join roles r on r.workspace_id = m.workspace_id and r.id = m.role_id and r.is_admin order by m.workspace_id limit 1`);
const [rep] = await database.query<{ id: string }>(
  `select m.user_id as id from memberships m join roles r on r.workspace_id = m.workspace_id and r.id = m.role_id and r.key = 'rep'
     join deals d on d.workspace_id = m.workspace_id and d.owner_id = m.user_id where m.workspace_id = $1 group by m.user_id order by count(*) desc, m.user_id limit 1`, [ws.workspace_id]);
const cookie = async (userId: string) => `voyage_session=${sign((await createSession(database.db, { userId, workspaceId: ws.workspace_id, hours: 24 })).token, BENCH_SECRET)}`;
const headers = { admin: { cookie: await cookie(ws.admin) }, rep: { cookie: await cookie(rep.id) } };
await database.close();

const db = { kind: 'postgres', url, dataDir: mkdtempSync(path.join(os.tmpdir(), 'voyage-lb-')), open: () => openDatabase({ url, poolSize: 10 }) } as unknown as BenchDatabase;
const app = await InProcessApp.open(db);
try {
  for (const who of ['admin', 'rep'] as const) {
    const first = await app.request('GET', target, headers[who]);
    if (first.status !== 200) throw new Error(`${who}: ${first.status} ${JSON.stringify(first.body)}`);
    if (who === 'admin' && process.argv.includes('--sql')) for (const s of first.statements) console.log(`-- ${JSON.stringify(s.values)}\n${s.text};`);
    if (process.argv.includes('--body')) console.log(JSON.stringify(first.body, null, 1));
    for (let i = 0; i < 5; i++) await app.request('GET', target, headers[who]);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await app.request('GET', target, headers[who]);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)].toFixed(1);
    console.log(`${who}: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms (${runs} calls, reps ${(first.body as { reps?: unknown[] }).reps?.length ?? "-"})`);
  }
} finally {
  await app.app.close();
  await app.database.close();
}
