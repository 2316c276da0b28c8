import type { Writable } from 'node:stream';
import pg from 'pg';
import type { Database } from '@voyage/kernel';

/** A row keyed by column name. Arrays go to array columns, objects to jsonb. */
export type Row = Record<string, unknown>;

interface ColumnInfo {
  name: string;
  type: string;
  required: boolean;
}

const identifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function describeTable(database: Database, table: string): Promise<Map<string, ColumnInfo>> {
  const rows = await database.query<{ name: string; type: string; required: boolean }>(
    `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
            (a.attnotnull and not a.atthasdef) as required
       from pg_attribute a
      where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped`,
    [table],
  );
  if (!rows.length) throw new Error(`Table ${table} not found`);
  return new Map(rows.map((r) => [r.name, r]));
}

/** The text form PostgreSQL parses for a value of `type`; null stays null. */
function literal(value: unknown, type: string): string | null {
  if (value === null || value === undefined) return null;
  if (type.endsWith('[]')) {
    const items = value as unknown[];
    return `{${items.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
  }
  if (type === 'jsonb' || type === 'json') return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** Types whose text form never holds a backslash, tab or line break: no COPY escaping needed. */
const PLAIN_TYPES = /^(uuid|integer|bigint|smallint|boolean|numeric|real|double precision|timestamp|date)/;

/** A column's COPY field writer, chosen once per column rather than per value. */
function copyField(type: string): (value: unknown) => string {
  if (PLAIN_TYPES.test(type) && !type.endsWith('[]')) return (value) => (value === null || value === undefined ? '\\N' : value instanceof Date ? value.toISOString() : String(value));
  return (value) => {
    const text = literal(value, type);
    return text === null ? '\\N' : copyEscape(text);
  };
}

function copyEscape(text: string): string {
  // COPY's text format: backslash escapes for backslash, tab, newline and carriage return.
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text;
}

/** The columns to write: those of the first row that the table has; required ones must be there. */
function planColumns(info: Map<string, ColumnInfo>, table: string, sample: Row, optional: ReadonlySet<string>): ColumnInfo[] {
  const unknown = Object.keys(sample).filter((k) => !info.has(k) && !optional.has(k));
  if (unknown.length) throw new Error(`${table} has no column(s) ${unknown.join(', ')}`);
  const missing = [...info.values()].filter((c) => c.required && !(c.name in sample)).map((c) => c.name);
  if (missing.length) throw new Error(`${table}: required column(s) ${missing.join(', ')} not generated`);
  return Object.keys(sample).filter((k) => info.has(k)).map((k) => info.get(k)!);
}

export interface LoadOptions {
  /** Rows per INSERT statement on PGlite (capped by the 65,535-parameter limit). */
  batchRows?: number;
  /** Keys written only if the table has such a column (columns a module added later). */
  optional?: readonly string[];
  /**
   * PostgreSQL: drop the table's secondary indexes, COPY, and build them again, all in one
   * transaction. Building a GIN or trigram index in bulk is several times faster than
   * maintaining it row by row; a failure rolls back with the indexes intact.
   */
  rebuildIndexes?: boolean;
  /**
   * PostgreSQL, with rebuildIndexes: build the indexes after the commit on this many
   * connections at once (GIN builds use one core each). A failure there leaves the rows loaded
   * and names the indexes not built. Default 1: in the load's transaction.
   */
  indexConnections?: number;
}

/** Rows written to one table as they are generated; `end` commits them. */
export interface TableWriter {
  /** Queues a row; a returned promise asks the caller to wait (backpressure) before the next. */
  write(row: Row): Promise<void> | undefined;
  /** Flushes, rebuilds dropped indexes, commits; returns the number of rows written. */
  end(): Promise<number>;
  /** Rolls back (PostgreSQL) after a failure elsewhere. */
  abort(): Promise<void>;
}

/**
 * A writer through the fast path of each database: COPY FROM STDIN on PostgreSQL (its own
 * connection and transaction, so several tables load at once), multi-row parameterised
 * INSERTs on PGlite. Columns are those of the first row.
 */
export function openTableWriter(database: Database, table: string, options: LoadOptions = {}): TableWriter {
  let inner: Promise<TableWriter> | undefined;
  let opened: TableWriter | undefined;
  let empty = true;
  return {
    write(row) {
      if (opened) return opened.write(row);
      empty = false;
      inner ??= describeTable(database, table).then((info) => {
        const columns = planColumns(info, table, row, new Set(options.optional ?? []));
        return database.kind === 'postgres' && database.pool ? copyWriter(database, table, columns, options) : insertWriter(database, table, columns, options);
      });
      return inner.then((w) => {
        opened = w;
        return w.write(row);
      });
    },
    async end() {
      if (empty || !inner) return 0;
      return (await inner).end();
    },
    async abort() {
      if (inner) await (await inner.catch(() => undefined))?.abort();
    },
  };
}

/** Loads all `rows` into `table` through openTableWriter. Returns the number of rows written. */
export async function loadRows(database: Database, table: string, rows: Iterable<Row>, options: LoadOptions = {}): Promise<number> {
  const writer = openTableWriter(database, table, options);
  try {
    for (const row of rows) {
      const wait = writer.write(row);
      if (wait) await wait;
    }
    return await writer.end();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

const CHUNK_BYTES = 1 << 19;

/**
 * A connection of its own beside the pool (same settings), for a COPY or an index build that
 * holds it for the whole load: several tables load at once whatever the pool's size, and the
 * pool stays free for the generator's other queries.
 */
async function dedicatedClient(database: Database): Promise<pg.Client & { release(error?: Error): void }> {
  const client = new pg.Client(database.pool!.options);
  await client.connect();
  return Object.assign(client, { release: () => void client.end().catch(() => undefined) });
}

async function copyWriter(database: Database, table: string, columns: ColumnInfo[], options: LoadOptions): Promise<TableWriter> {
  const client = await dedicatedClient(database);
  let done = false;
  const release = (error?: Error) => {
    if (done) return;
    done = true;
    client.release(error);
  };
  let count = 0;
  let buffer = '';
  let indexes: Array<{ name: string; definition: string }> = [];
  let copy: Writable;
  let finished: Promise<void>;
  try {
    await client.query('BEGIN');
    if (options.rebuildIndexes) {
      indexes = (await client.query<{ name: string; definition: string }>(
        `select i.relname as name, pg_get_indexdef(i.oid) as definition
           from pg_index x join pg_class i on i.oid = x.indexrelid
          where x.indrelid = $1::regclass and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`,
        [table],
      )).rows;
    }
    for (const index of indexes) await client.query(`DROP INDEX ${identifier(index.name)}`);
    // Loaded here: the server bundle carries this file for `voyage seed`, and need not load COPY support at start.
    const { from: copyFrom } = await import('pg-copy-streams');
    copy = client.query(copyFrom(`COPY ${identifier(table)} (${columns.map((c) => identifier(c.name)).join(', ')}) FROM STDIN`));
    finished = finishedOf(copy);
    // Seen by a write or by end(); until then a failure must not count as unhandled.
    finished.catch(() => undefined);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    release();
    throw error;
  }
  const flush = (): Promise<void> | undefined => {
    const chunk = buffer;
    buffer = '';
    // A failed COPY never drains: `finished` rejects instead.
    return copy.write(chunk) ? undefined : Promise.race([new Promise<void>((resolve) => copy.once('drain', resolve)), finished]);
  };
  const fields = columns.map((c) => copyField(c.type));
  const names = columns.map((c) => c.name);
  return {
    write(row) {
      let line = fields[0](row[names[0]]);
      for (let i = 1; i < fields.length; i++) line += '\t' + fields[i](row[names[i]]);
      buffer += line + '\n';
      count++;
      return buffer.length > CHUNK_BYTES ? flush() : undefined;
    },
    async end() {
      try {
        if (buffer) await flush();
        copy.end();
        await finished;
        const parallel = (options.indexConnections ?? 1) > 1;
        if (indexes.length && !parallel) {
          await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
          for (const index of indexes) await client.query(index.definition);
        }
        await client.query('COMMIT');
        release();
        if (indexes.length && parallel) await buildIndexes(database, table, indexes, options.indexConnections!);
        return count;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        release();
        throw error;
      }
    },
    async abort() {
      if (done) return;
      copy.destroy();
      await finished.catch(() => undefined);
      await client.query('ROLLBACK').catch(() => undefined);
      // The connection may be mid-COPY: drop it rather than return it to the pool.
      release(new Error('aborted'));
    },
  };
}

/** Builds indexes on `connections` connections at once, GIN (the slow ones) first. */
async function buildIndexes(database: Database, table: string, indexes: Array<{ name: string; definition: string }>, connections: number): Promise<void> {
  const queue = [...indexes].sort((a, b) => Number(/ USING gin /i.test(b.definition)) - Number(/ USING gin /i.test(a.definition)));
  const built = new Set<string>();
  const worker = async () => {
    const client = await dedicatedClient(database);
    try {
      await client.query(`SET maintenance_work_mem = '256MB'`);
      for (let index = queue.shift(); index; index = queue.shift()) {
        await client.query(index.definition);
        built.add(index.name);
      }
    } finally {
      await client.query('RESET maintenance_work_mem').catch(() => undefined);
      client.release();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(connections, indexes.length) }, worker));
  } catch (error) {
    queue.length = 0;
    const missing = indexes.filter((i) => !built.has(i.name)).map((i) => i.name);
    throw new Error(`${table}: rows loaded, but index(es) ${missing.join(', ')} not built: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Resolves when a COPY stream has finished, rejects on its error. */
function finishedOf(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('finish', resolve);
    stream.once('error', reject);
  });
}

async function insertWriter(database: Database, table: string, columns: ColumnInfo[], options: LoadOptions): Promise<TableWriter> {
  const perBatch = Math.max(1, Math.min(options.batchRows ?? 1000, Math.floor(65_000 / columns.length)));
  const head = `INSERT INTO ${identifier(table)} (${columns.map((c) => identifier(c.name)).join(', ')}) VALUES `;
  const casts = columns.map((c) => `::${c.type}`);
  let count = 0;
  let params: unknown[] = [];
  let tuples: string[] = [];
  const flush = async () => {
    if (!tuples.length) return;
    const text = head + tuples.join(',');
    const values = params;
    params = [];
    tuples = [];
    await database.query(text, values);
  };
  return {
    write(row) {
      const slots: string[] = [];
      for (let i = 0; i < columns.length; i++) {
        params.push(literal(row[columns[i].name], columns[i].type));
        slots.push(`$${params.length}${casts[i]}`);
      }
      tuples.push(`(${slots.join(',')})`);
      count++;
      return tuples.length >= perBatch ? flush() : undefined;
    },
    async end() {
      await flush();
      return count;
    },
    async abort() {
      params = [];
      tuples = [];
    },
  };
}

/** Refreshes planner statistics (and, on PGlite, where autovacuum never runs, the visibility map). */
export async function vacuumAnalyze(database: Database, tables: string[]): Promise<void> {
  for (const t of tables) await database.exec(`VACUUM ANALYZE ${identifier(t)}`);
}

/**
 * Runs `work` with the foreign keys of `table` dropped, and adds them back after (validating
 * every row), whether `work` succeeds or not. For a child table loaded through its own COPY at
 * the same time as its parent: each COPY commits on its own, so the child's rows may reach the
 * database before their parents do.
 */
export async function withoutForeignKeys<T>(database: Database, table: string, work: () => Promise<T>): Promise<T> {
  const keys = await database.query<{ name: string; definition: string }>(
    `select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = $1::regclass and contype = 'f' order by conname`, [table]);
  for (const k of keys) await database.exec(`ALTER TABLE ${identifier(table)} DROP CONSTRAINT ${identifier(k.name)}`);
  try {
    return await work();
  } finally {
    for (const k of keys) await database.exec(`ALTER TABLE ${identifier(table)} ADD CONSTRAINT ${identifier(k.name)} ${k.definition}`);
  }
}
