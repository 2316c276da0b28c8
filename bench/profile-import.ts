// Dev tool: times the import job's phases batch by batch on a seeded PostgreSQL database.
//   npx tsx bench/profile-import.ts [--rows 100000] [--scale 100k] [--keep-db name]
import { and, eq } from 'drizzle-orm';
import { loadActor, loadEnv, fileStorage, type Context, type Tx } from '@voyage/kernel';
import { prepareBenchDatabase } from './scenarios/bench-database';
import { buildImportFile } from './scenarios/import-file';
import { importCopyFloor } from './scenarios/import-scenario';
import { newId, openDatabase, randomToken, sha256 } from '@voyage/kernel';
import { mkdtempSync } from 'node:fs';
import { InProcessApp } from './scenarios/in-process-app';
import { imports } from '../modules/customers/src/db/imports';
import { importBatches } from '../modules/customers/src/imports/import-batches';
import { kindOf, planSettingsOf } from '../modules/customers/src/imports/load-import';
import { NO_PENDING, pendingOf, planImportBatch } from '../modules/customers/src/imports/plan-import-batch';
import { writeImportBatch } from '../modules/customers/src/imports/write-import-batch';

const arg = (n: string, d: string) => { const i = process.argv.indexOf(`--${n}`); return i > 0 ? process.argv[i + 1] : d; };
const rows = Number(arg('rows', '100000'));
const reuse = process.argv.includes('--reuse') ? arg('reuse', '') : '';
const db = reuse ? await reuseDb(reuse) : await prepareBenchDatabase({ kind: 'postgres', adminUrl: 'postgres://postgres@127.0.0.1:5432/postgres', scale: arg('scale', '100k') as never, seed: '1', log: (l) => console.log(l) });
const app = await InProcessApp.open(db);
const stmt = new Map<string, { n: number; ms: number }>();
if (process.argv.includes('--stmts')) {
  const pool = app.database.pool!;
  const seen = new WeakSet<object>();
  type Q = (...a: unknown[]) => unknown;
  const wrap = (client: { query: Q }) => {
    if (seen.has(client)) return; seen.add(client);
    const q = client.query.bind(client);
    client.query = (...a: unknown[]) => {
      const text = typeof a[0] === 'string' ? a[0] : (a[0] as { text?: string } | undefined)?.text ?? '';
      const key = text.replace(/\s+/g, ' ').slice(0, 90);
      const t = performance.now();
      const r = q(...a) as Promise<unknown> | undefined;
      if (r && typeof r.then === 'function') return r.then((v: unknown) => { const e = stmt.get(key) ?? { n: 0, ms: 0 }; e.n++; e.ms += performance.now() - t; stmt.set(key, e); return v; });
      return r;
    };
  };
  pool.on('acquire', wrap as never);
}
try {
  const file = await buildImportFile(app.database, db.seeded.workspaceId, rows, String(Date.now()), 60_000_000 + (Date.now() % 1000) * 100_000);
  const headers = { authorization: `Bearer ${db.apiKey}` };
  const boundary = '----b';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="object"\r\n\r\ncontact\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\nContent-Type: text/csv\r\n\r\n${file.csv}\r\n--${boundary}--\r\n`;
  const up = await app.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
  const view = up.json() as { id: string; mapping: string[] };
  await app.app.inject({ method: 'PUT', url: `/api/v1/imports/${view.id}/mapping`, headers, payload: { mapping: view.mapping, options: { duplicates: 'skip' } } });
  const d = app.database.db;
  await d.update(imports).set({ status: 'running' }).where(eq(imports.id, view.id));
  const [current] = await d.select().from(imports).where(and(eq(imports.workspaceId, db.seeded.workspaceId), eq(imports.id, view.id)));
  const env = loadEnv({ DATABASE_URL: db.url!, VOYAGE_DATA_DIR: db.dataDir, VOYAGE_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' });
  const actor = (await loadActor(d, db.seeded.workspaceId, current.createdBy!))!;
  const ctx: Context = { env, database: app.database, db: d, workspaceId: db.seeded.workspaceId, actor, locale: 'zh-CN' } as Context;
  const kind = kindOf('contact');
  const settings = await planSettingsOf(ctx, current);
  const serial = process.argv.includes('--serial');
  let read = 0, plan = 0, write = 0, processed = 0;
  const t0 = performance.now();
  let tr = performance.now();
  let pending = NO_PENDING;
  let writing: Promise<void> = Promise.resolve();
  for await (const batch of importBatches(fileStorage(env), current, 0)) {
    read += performance.now() - tr;
    const tp = performance.now();
    const planned = await planImportBatch(ctx, kind, batch, settings, pending);
    plan += performance.now() - tp;
    const tw = performance.now();
    await writing;
    const before = processed;
    writing = d.transaction((tx: Tx) => writeImportBatch({ ...ctx, db: tx }, kind, current.id, before, planned, settings.defs)).then(() => { write += performance.now() - tw; });
    if (serial) await writing;
    processed += batch.length; pending = pendingOf(planned);
    tr = performance.now();
  }
  await writing;
  const total = performance.now() - t0;
  const [after] = await d.select().from(imports).where(eq(imports.id, view.id));
  if (process.argv.includes('--floor')) console.log('floor', JSON.stringify(await importCopyFloor(app.database, file)));
  console.log('counts', after.created, after.skipped, after.rejected, after.updated);
  for (const [k, v] of [...stmt].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) console.log(Math.round(v.ms), v.n, k);
  console.log(JSON.stringify({ rows: processed, totalMs: Math.round(total), rowsPerSec: Math.round(processed / total * 1000), readMs: Math.round(read), planMs: Math.round(plan), writeMs: Math.round(write) }));
} finally {
  await app.close();
  if (!process.argv.includes('--keep')) await db.drop(); else console.log('kept', db.url);
}

async function reuseDb(url: string) {
  const database = await openDatabase({ url, poolSize: 6 });
  const [w] = await database.query<{ workspace_id: string; user_id: string }>(`select m.workspace_id, m.user_id from memberships m join users u on u.id = m.user_id where u.email = 'bench-admin@voyage.test' limit 1`);
  const apiKey = `vk_${w.workspace_id.replace(/-/g, '')}_${randomToken(32)}`;
  await database.query(`insert into api_keys (workspace_id, id, name, prefix, key_hash, scopes, user_id, created_by) values ($1, $2, 'prof', 'vk_…_p', $3, '["*"]'::jsonb, $4, $4)`, [w.workspace_id, newId(), sha256(apiKey), w.user_id]);
  await database.close();
  return { url, dataDir: mkdtempSync('/tmp/prof-'), seeded: { workspaceId: w.workspace_id }, apiKey, open: () => openDatabase({ url, poolSize: 6 }), drop: async () => undefined } as unknown as Awaited<ReturnType<typeof prepareBenchDatabase>>;
}
