import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';

/** The drizzle handle, the same type on PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
/** A transaction handle; use cases receive it in their context. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that can run queries: the database or a transaction. */
export type Queryable = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Raw SQL with $1 parameters, for bulk paths and tests. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements (no parameters). */
  exec(text: string): Promise<void>;
  /** The PGlite instance in embedded mode (for pg-boss and dumps). */
  pglite?: PGlite;
  /** The pg pool in PostgreSQL mode. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export interface OpenOptions {
  url?: string;
  dataDir?: string;
  /** A data directory dump to start from (tests use a migrated template). */
  loadDataDir?: Blob | File;
  poolSize?: number;
}

// timestamptz and int8 come back as Date and number on both drivers.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    pool.on('error', () => undefined);
    const db = drizzlePg(pool) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      pool,
      async query(text, params) {
        const r = await pool.query(text, params as unknown[]);
        return r.rows;
      },
      async exec(text) {
        await pool.query(text);
      },
      async close() {
        await pool.end();
      },
    };
  }
  // The embedded database's code is loaded only when it is used: a server on PostgreSQL does not carry it.
  const [lite, { pg_trgm }, { btree_gin }, { drizzle: drizzlePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/btree_gin'),
    import('drizzle-orm/pglite'),
  ]);
  const pglite = await lite.PGlite.create({
    dataDir: options.dataDir,
    extensions: { pg_trgm, btree_gin },
    loadDataDir: options.loadDataDir,
  });
  const db = drizzlePglite(pglite) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite,
    async query(text, params) {
      const r = await pglite.query(text, params as unknown[]);
      return r.rows as never[];
    },
    async exec(text) {
      await pglite.exec(text);
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}
