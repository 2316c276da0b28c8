import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
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
}

/**
 * Loads rows through the fast path of each database: COPY FROM STDIN on PostgreSQL, multi-row
 * parameterised INSERTs on PGlite. Returns the number of rows written.
 */
export async function loadRows(database: Database, table: string, rows: Iterable<Row>, options: LoadOptions = {}): Promise<number> {
  const iterator = rows[Symbol.iterator]();
  const first = iterator.next();
  if (first.done) return 0;
  const columns = planColumns(await describeTable(database, table), table, first.value, new Set(options.optional ?? []));
  const all = (function* () {
    yield first.value;
    for (let r = iterator.next(); !r.done; r = iterator.next()) yield r.value;
  })();
  return database.kind === 'postgres' && database.pool ? copyRows(database, table, columns, all, options) : insertRows(database, table, columns, all, options);
}

async function copyRows(database: Database, table: string, columns: ColumnInfo[], rows: Iterable<Row>, options: LoadOptions): Promise<number> {
  let count = 0;
  function* chunks(): Generator<string> {
    let buffer = '';
    for (const row of rows) {
      let line = '';
      for (let i = 0; i < columns.length; i++) {
        const text = literal(row[columns[i].name], columns[i].type);
        line += (i ? '\t' : '') + (text === null ? '\\N' : copyEscape(text));
      }
      buffer += line + '\n';
      count++;
      if (buffer.length > 1 << 19) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer) yield buffer;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('BEGIN');
    const indexes = options.rebuildIndexes
      ? (await client.query<{ name: string; definition: string }>(
          `select i.relname as name, pg_get_indexdef(i.oid) as definition
             from pg_index x join pg_class i on i.oid = x.indexrelid
            where x.indrelid = $1::regclass and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`,
          [table],
        )).rows
      : [];
    for (const index of indexes) await client.query(`DROP INDEX ${identifier(index.name)}`);
    const sql = `COPY ${identifier(table)} (${columns.map((c) => identifier(c.name)).join(', ')}) FROM STDIN`;
    await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
    if (indexes.length) await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const index of indexes) await client.query(index.definition);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return count;
}

async function insertRows(database: Database, table: string, columns: ColumnInfo[], rows: Iterable<Row>, options: LoadOptions): Promise<number> {
  const perBatch = Math.max(1, Math.min(options.batchRows ?? 1000, Math.floor(65_000 / columns.length)));
  const head = `INSERT INTO ${identifier(table)} (${columns.map((c) => identifier(c.name)).join(', ')}) VALUES `;
  const casts = columns.map((c) => `::${c.type}`);
  let count = 0;
  let params: unknown[] = [];
  let tuples: string[] = [];
  const flush = async () => {
    if (!tuples.length) return;
    await database.query(head + tuples.join(','), params);
    params = [];
    tuples = [];
  };
  for (const row of rows) {
    const slots: string[] = [];
    for (let i = 0; i < columns.length; i++) {
      params.push(literal(row[columns[i].name], columns[i].type));
      slots.push(`$${params.length}${casts[i]}`);
    }
    tuples.push(`(${slots.join(',')})`);
    count++;
    if (tuples.length >= perBatch) await flush();
  }
  await flush();
  return count;
}

/** Refreshes planner statistics (and, on PGlite, where autovacuum never runs, the visibility map). */
export async function vacuumAnalyze(database: Database, tables: string[]): Promise<void> {
  for (const t of tables) await database.exec(`VACUUM ANALYZE ${identifier(t)}`);
}
