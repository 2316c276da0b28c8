import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadEnv, type Database } from '@voyage/kernel';
import { buildApp } from '../../apps/server/src/app';
import { createServices } from '../../apps/server/src/runtime';
import type { BenchDatabase } from './bench-database';
import { BENCH_SECRET } from './server-process';

/** One statement as the driver received it. */
export interface Statement {
  text: string;
  values: unknown[];
  rowMode?: 'array';
}

type AnyQuery = (...args: unknown[]) => unknown;

/** Wraps a driver's `query(text | config, values?, …)` so that calls made while `sink` is set are recorded. */
function recording(original: AnyQuery, sink: () => Statement[] | null): AnyQuery {
  return function (this: unknown, ...args: unknown[]) {
    const into = sink();
    if (into) {
      const first = args[0];
      if (typeof first === 'string') into.push({ text: first, values: (Array.isArray(args[1]) ? args[1] : []) as unknown[], rowMode: (args[2] as { rowMode?: 'array' } | undefined)?.rowMode });
      else if (first && typeof (first as Statement).text === 'string') {
        const config = first as { text: string; values?: unknown[]; rowMode?: 'array' };
        into.push({ text: config.text, values: config.values ?? (Array.isArray(args[1]) ? args[1] : []), rowMode: config.rowMode });
      }
    }
    return original.apply(this, args);
  };
}

/**
 * The server's own app, built in this process on the benchmark database, answering through
 * `inject` while recording every statement a request sends to the database. The floors of the
 * query-shaped scenarios replay those statements through a bare driver, so "the same SQL" is
 * the SQL the product actually ran, not a hand-written copy of it.
 */
export class InProcessApp {
  private sink: Statement[] | null = null;

  private constructor(
    readonly app: FastifyInstance,
    readonly database: Database,
    private readonly url: string | undefined,
  ) {}

  static async open(db: BenchDatabase): Promise<InProcessApp> {
    const env = loadEnv({
      ...(db.url ? { DATABASE_URL: db.url } : {}),
      VOYAGE_DATA_DIR: db.dataDir,
      VOYAGE_SECRET: BENCH_SECRET,
      VOYAGE_DEMO: 'false',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
      RATE_LIMIT_PER_MINUTE: '1000000000',
    });
    const database = await db.open();
    // The drivers are wrapped before the app exists; the sink is looked up at each call.
    const holder: { app?: InProcessApp } = {};
    const sink = () => holder.app?.sink ?? null;
    if (database.pool) {
      const wrapped = new WeakSet<object>();
      const wrap = (client: pg.PoolClient) => {
        if (wrapped.has(client)) return;
        wrapped.add(client);
        client.query = recording(client.query.bind(client) as AnyQuery, sink) as unknown as typeof client.query;
      };
      database.pool.on('connect', wrap);
      database.pool.on('acquire', wrap);
    }
    if (database.pglite) {
      const lite = database.pglite;
      lite.query = recording(lite.query.bind(lite) as AnyQuery, sink) as unknown as PGlite['query'];
      const transaction = lite.transaction.bind(lite);
      lite.transaction = ((callback: Parameters<PGlite['transaction']>[0]) =>
        transaction((tx) => {
          tx.query = recording(tx.query.bind(tx) as AnyQuery, sink) as unknown as typeof tx.query;
          return callback(tx);
        })) as PGlite['transaction'];
    }
    const services = await createServices(env, database, { worker: false, deferJobStart: true });
    const fastify = await buildApp(services, { logger: false });
    await fastify.ready();
    holder.app = new InProcessApp(fastify, database, db.url);
    return holder.app;
  }

  /** Answers one request; returns its status, body and the statements it ran. */
  async request(method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown): Promise<{ status: number; body: unknown; statements: Statement[] }> {
    const statements: Statement[] = [];
    this.sink = statements;
    try {
      const res = await this.app.inject({ method, url, headers, payload: payload as never });
      return { status: res.statusCode, body: String(res.headers['content-type'] ?? '').includes('json') ? res.json() : res.body, statements };
    } finally {
      this.sink = null;
    }
  }

  /**
   * A bare driver on the same database: a new pg client (PostgreSQL) or the PGlite instance
   * itself (one connection only), running statements one after another.
   */
  async bareClient(): Promise<BareClient> {
    if (this.url) {
      const client = new pg.Client({ connectionString: this.url });
      await client.connect();
      return {
        run: async (statements) => {
          for (const s of statements) await client.query({ text: s.text, values: s.values, ...(s.rowMode ? { rowMode: s.rowMode } : {}) });
        },
        close: () => client.end(),
      };
    }
    const lite = this.database.pglite!;
    return {
      run: async (statements) => {
        for (const s of statements) await lite.query(s.text, s.values, s.rowMode ? { rowMode: s.rowMode } : undefined);
      },
      close: async () => undefined,
    };
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.close();
  }
}

export interface BareClient {
  run(statements: Statement[]): Promise<void>;
  close(): Promise<void>;
}
