import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Database } from './client';

/** The part of a pino logger the slow-query log uses. */
export interface SlowQueryLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface SlowQueryOptions {
  /** Queries slower than this many milliseconds are logged (env SLOW_QUERY_MS; 0 = off). */
  thresholdMs: number;
  logger: SlowQueryLogger;
}

type Explain = (text: string, params: unknown[]) => Promise<string[]>;

const EXPLAINABLE = /^\s*(select|with|insert|update|delete|values|table)\b/i;
const MAX_SQL_CHARS = 4000;

function queryText(arg: unknown): string | null {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && typeof (arg as { text?: unknown }).text === 'string') return (arg as { text: string }).text;
  return null;
}

function report(options: SlowQueryOptions, explain: Explain, text: string, params: unknown[], durationMs: number): void {
  const details: Record<string, unknown> = {
    durationMs: Math.round(durationMs * 10) / 10,
    sql: text.length > MAX_SQL_CHARS ? `${text.slice(0, MAX_SQL_CHARS)}…` : text,
    // Parameter values may be personal data (emails, phones): the plan is taken with them, but only their number is logged.
    paramCount: params.length,
  };
  if (!EXPLAINABLE.test(text)) {
    options.logger.warn(details, 'slow query');
    return;
  }
  // EXPLAIN without ANALYZE plans the statement without running it, so a slow write is not repeated.
  explain(`EXPLAIN ${text}`, params).then(
    (plan) => options.logger.warn({ ...details, plan: plan.join('\n') }, 'slow query'),
    (error: unknown) => options.logger.warn({ ...details, planError: error instanceof Error ? error.message : String(error) }, 'slow query'),
  );
}

type AnyQuery = (...args: unknown[]) => unknown;

/** Wraps a `query(text | config, params?, callback?)` method so that slow calls are reported. */
function timed(original: AnyQuery, options: SlowQueryOptions, explain: Explain): AnyQuery {
  return function (this: unknown, ...args: unknown[]) {
    const text = queryText(args[0]);
    // Submittables (COPY streams, cursors) and the plans themselves pass through untimed.
    if (text === null || /^\s*explain\b/i.test(text)) return original.apply(this, args);
    const params = (Array.isArray(args[1]) ? args[1] : ((args[0] as { values?: unknown[] }).values ?? [])) as unknown[];
    const t0 = performance.now();
    const done = () => {
      const ms = performance.now() - t0;
      if (ms > options.thresholdMs) report(options, explain, text, params, ms);
    };
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      // pg's Pool.query calls client.query with a callback.
      const callback = args[last] as (...a: unknown[]) => unknown;
      args[last] = (...a: unknown[]) => {
        done();
        return callback(...a);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(done, () => undefined);
    return result;
  };
}

function instrumentPool(pool: pg.Pool, options: SlowQueryOptions): void {
  const explain: Explain = async (text, params) => (await pool.query<{ 'QUERY PLAN': string }>(text, params)).rows.map((r) => r['QUERY PLAN']);
  const wrapped = new WeakSet<object>();
  // Every query, pool.query and transactions alike, runs on a client checked out of the pool;
  // wrapping at checkout also covers clients that connected before the log was installed.
  const wrap = (client: pg.PoolClient) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    client.query = timed(client.query.bind(client) as AnyQuery, options, explain) as unknown as typeof client.query;
  };
  pool.on('connect', wrap);
  pool.on('acquire', wrap);
}

function instrumentPglite(pglite: PGlite, options: SlowQueryOptions): void {
  // PGlite has one connection: a plan asked for inside a transaction waits for its end.
  const explain: Explain = async (text, params) => (await pglite.query<{ 'QUERY PLAN': string }>(text, params)).rows.map((r) => r['QUERY PLAN']);
  pglite.query = timed(pglite.query.bind(pglite) as AnyQuery, options, explain) as unknown as PGlite['query'];
  const transaction = pglite.transaction.bind(pglite);
  pglite.transaction = (<T>(callback: (tx: Transaction) => Promise<T>) =>
    transaction((tx) => {
      tx.query = timed(tx.query.bind(tx) as AnyQuery, options, explain) as unknown as Transaction['query'];
      return callback(tx);
    })) as PGlite['transaction'];
}

/**
 * Logs every query slower than `thresholdMs` with its EXPLAIN plan: raw queries, drizzle
 * queries and those inside transactions, on PGlite and PostgreSQL. Install it once, after
 * `openDatabase` (migrations may run before). A threshold of 0 leaves the database untouched.
 */
export function installSlowQueryLog(database: Database, options: SlowQueryOptions): Database {
  if (options.thresholdMs <= 0) return database;
  if (database.pool) instrumentPool(database.pool, options);
  if (database.pglite) instrumentPglite(database.pglite, options);
  return database;
}
