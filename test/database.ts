import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '@voyage/kernel';
import { adminUrl } from './db-config';
import { withDatabase } from './global-setup';

let counter = 0;

/** A fresh, migrated database for one test file (a copy of the run's template). */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  const tpl = inject('dbTemplate');
  if (tpl.kind === 'pglite') {
    const blob = new Blob([readFileSync(tpl.file)]);
    return openDatabase({ loadDataDir: blob });
  }
  const name = `voyage_t_${tpl.runId}_${process.pid}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${tpl.template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl(), name);
  const database = await openDatabase({ url, poolSize: 4 });
  const close = database.close;
  return Object.assign(database, {
    url,
    async close() {
      await close();
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await a.end();
    },
  });
}
