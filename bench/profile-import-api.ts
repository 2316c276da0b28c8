// Dev tool: imports a generated CSV through the real server (upload, mapping, run, done), as the
// bench's import scenario does, at any size: the million rows included.
//   npx tsx bench/profile-import-api.ts [--rows 1000000] [--scale 100k]
import { ApiClient } from './scenarios/api-client';
import { prepareBenchDatabase } from './scenarios/bench-database';
import { buildImportFile } from './scenarios/import-file';
import { runImportScenario } from './scenarios/import-scenario';
import { startVoyage } from './scenarios/server-process';
import { isScale } from './seed/scales';

const arg = (n: string, d: string) => { const i = process.argv.indexOf(`--${n}`); return i > 0 ? process.argv[i + 1] : d; };
const rows = Number(arg('rows', '1000000'));
const scale = arg('scale', '100k');
if (!isScale(scale)) throw new Error(`unknown scale ${scale}`);
const t0 = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const db = await prepareBenchDatabase({ kind: 'postgres', adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', scale, seed: '1', log });
try {
  const database = await db.open();
  const file = await buildImportFile(database, db.seeded.workspaceId, rows, db.seed).finally(() => database.close());
  log(`file: ${rows.toLocaleString('en')} rows, ${(Buffer.byteLength(file.csv) / 1_048_576).toFixed(1)} MB`);
  const server = await startVoyage({ databaseUrl: db.url, dataDir: db.dataDir });
  try {
    const m = await runImportScenario(new ApiClient(server.baseUrl, { authorization: `Bearer ${db.apiKey}` }), file, server.child.pid);
    log(`upload ${(m.uploadMs / 1000).toFixed(1)} s; run ${(m.runMs / 1000).toFixed(1)} s: ${Math.round(m.rowsPerSecond)} rows/s; between polls median ${m.progressRates?.median} p95 ${m.progressRates?.p95}; peak RSS ${m.peakRssMb} MB; ${JSON.stringify(m.counts)}`);
  } finally {
    await server.child.stop();
  }
} finally {
  await db.drop();
}
