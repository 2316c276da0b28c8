import { readFileSync } from 'node:fs';
import path from 'node:path';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './client';

import { projectPath } from '../paths';

export const MIGRATIONS_DIR = projectPath('migrations');
const SQL_DIR = projectPath('packages/kernel/src/db/sql');

/** Applies pre.sql, the generated migrations, then post.sql. Safe to run on every start. */
export async function migrateDatabase(database: Database): Promise<void> {
  await database.exec(readFileSync(path.join(SQL_DIR, 'pre.sql'), 'utf8'));
  if (database.kind === 'pglite') {
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    await migratePg(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
  }
  await database.exec(readFileSync(path.join(SQL_DIR, 'post.sql'), 'utf8'));
}
