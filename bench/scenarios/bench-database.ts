import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sign } from '@fastify/cookie';
import pg from 'pg';
import { createSession, migrateDatabase, newId, openDatabase, randomToken, sha256, type Database } from '@voyage/kernel';
import { BENCH_TAG } from '../seed/profiles';
import type { Scale, ScaleSize } from '../seed/scales';
import { seedScale, type SeedScaleResult } from '../seed/seed-scale';
import { BENCH_SECRET } from './server-process';

export interface BenchDatabase {
  kind: 'postgres' | 'pglite';
  /** PostgreSQL: the benchmark database's URL. */
  url?: string;
  /** The server's VOYAGE_DATA_DIR: PGlite's `pglite/` and, on both databases, uploaded and exported files. */
  dataDir: string;
  seeded: SeedScaleResult & { seconds: number };
  /** The generator's seed: scenarios that generate data (the import file) use it too. */
  seed: string;
  /** `Authorization: Bearer` value for the seeded workspace's admin. */
  apiKey: string;
  /** `Cookie` value of a signed-in session of the same admin, as the web app sends it. */
  sessionCookie: string;
  /** Contact ids spread over the data set, for the record scenarios. */
  sampleIds: string[];
  /** Contacts carrying the list scenario's tag. */
  taggedCount: number;
  /** Opens the database in this process (PGlite: only while no server holds it). */
  open(): Promise<Database>;
  drop(): Promise<void>;
}

export interface PrepareOptions {
  kind: 'postgres' | 'pglite';
  /** Server URL of PostgreSQL with rights to create databases. */
  adminUrl: string;
  scale: Scale;
  seed: string;
  sizes?: Partial<ScaleSize>;
  log: (line: string) => void;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh database (PostgreSQL) or data directory (PGlite), migrated and seeded at the scale. */
export async function prepareBenchDatabase(options: PrepareOptions): Promise<BenchDatabase> {
  let url: string | undefined;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'voyage-bench-'));
  const removeDir = async () => rmSync(dataDir, { recursive: true, force: true });
  let open: () => Promise<Database>;
  let drop: () => Promise<void>;
  if (options.kind === 'postgres') {
    const name = `voyage_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
    await adminQuery(options.adminUrl, `CREATE DATABASE ${name}`);
    const dbUrl = withDatabase(options.adminUrl, name);
    url = dbUrl;
    open = () => openDatabase({ url: dbUrl, poolSize: 10 });
    drop = async () => {
      await adminQuery(options.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await removeDir();
    };
    options.log(`database ${name}, files in ${dataDir}`);
  } else {
    open = () => openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    drop = removeDir;
    options.log(`data directory ${dataDir}`);
  }

  const database = await open();
  try {
    await migrateDatabase(database);
    const t0 = performance.now();
    const seeded = await seedScale(database, { scale: options.scale, seed: options.seed, sizes: options.sizes, log: (l) => options.log(`  seed: ${l}`) });
    const seconds = (performance.now() - t0) / 1000;

    // An API key of the admin, in the format the auth plugin parses (only its hash is stored).
    const apiKey = `vk_${seeded.workspaceId.replace(/-/g, '')}_${randomToken(32)}`;
    await database.query(
      `insert into api_keys (workspace_id, id, name, prefix, key_hash, scopes, user_id, created_by) values ($1, $2, 'benchmark', 'vk_…_bench', $3, '["*"]'::jsonb, $4, $4)`,
      [seeded.workspaceId, newId(), sha256(apiKey), seeded.adminUserId],
    );
    const session = await createSession(database.db, { userId: seeded.adminUserId, workspaceId: seeded.workspaceId, hours: 24 });
    const sessionCookie = `voyage_session=${sign(session.token, BENCH_SECRET)}`;
    let sampleIds: string[] = [];
    let taggedCount = 0;
    if (seeded.counts.contacts) {
      // Every n-th contact by id: spread over the whole table, the same ids on every run.
      const n = Math.max(1, Math.floor(seeded.counts.contacts / 200));
      const rows = await database.query<{ id: string }>(
        `select id from (select id, row_number() over (order by id) as r from contacts where workspace_id = $1) s where r % $2 = 0 limit 200`,
        [seeded.workspaceId, n],
      );
      sampleIds = rows.map((r) => r.id);
      const tagged = await database.query<{ n: number }>(`select count(*)::int as n from contacts where workspace_id = $1 and tags @> array[$2]::text[]`, [seeded.workspaceId, BENCH_TAG]);
      taggedCount = tagged[0].n;
    }
    return { kind: options.kind, url, dataDir, seeded: { ...seeded, seconds }, seed: options.seed, apiKey, sessionCookie, sampleIds, taggedCount, open, drop };
  } finally {
    await database.close();
  }
}
