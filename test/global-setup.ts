import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { JobQueue, loadEnv, migrateDatabase, openDatabase, type Database } from '@voyage/kernel';
import { adminUrl, testDbKind } from './db-config';

/**
 * Migrates one template database per run; each test file then gets a copy of it:
 * a loaded dump on PGlite, `CREATE DATABASE … TEMPLATE` on PostgreSQL.
 */
export default async function setup(project: TestProject) {
  const kind = testDbKind();
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  if (kind === 'pglite') {
    const database = await openDatabase({});
    await migrateDatabase(database);
    await installJobSchema(database);
    const dump = await database.pglite!.dumpDataDir('none');
    await database.close();
    const dir = path.resolve('.tmp');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `template-${runId}.tar`);
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('dbTemplate', { kind, file, runId });
    return async () => {
      const { rmSync } = await import('node:fs');
      rmSync(file, { force: true });
    };
  }
  const template = `voyage_tpl_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const url = withDatabase(adminUrl(), template);
  const database = await openDatabase({ url, poolSize: 2 });
  await migrateDatabase(database);
  await installJobSchema(database);
  await database.close();
  project.provide('dbTemplate', { kind, template, runId });
  return async () => {
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname LIKE 'voyage_t_${runId}%' OR datname = '${template}'`);
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'voyage_t_${runId}%'`);
    for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname}`);
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.end();
  };
}

/** pg-boss's tables go into the template too, so each test file's job queue starts at once. */
async function installJobSchema(database: Database): Promise<void> {
  const queue = new JobQueue({ env: loadEnv({}, { LOG_LEVEL: 'silent', NODE_ENV: 'test' }), database });
  await queue.start();
  await queue.stop();
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: { kind: 'pglite'; file: string; runId: string } | { kind: 'postgres'; template: string; runId: string };
  }
}
