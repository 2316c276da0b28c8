import { getTableColumns, getTableName, is, sql, SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db/client';

const asJson = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? value.toString() : value);

/** A row's value of `column`, or the column's default where the row has none (as a multi-row VALUES list with DEFAULT). */
function valueOf(column: PgColumn): SQL {
  const value = sql`r.${sql.identifier(column.name)}`;
  if (!column.notNull || !column.hasDefault || column.default === undefined) return value;
  const fallback = is(column.default, SQL) ? column.default : sql`${typeof column.default === 'object' ? JSON.stringify(column.default) : column.default}::${sql.raw(column.getSQLType())}`;
  return sql`coalesce(${value}, ${fallback})`;
}

export interface InsertRowsOptions<K extends string> {
  /** Skip rows that hit a unique constraint (`on conflict do nothing`). */
  onConflictDoNothing?: boolean;
  /** Column property names to return, as text, for the rows inserted (none of them may be null). */
  returning?: K[];
}

/**
 * Inserts many rows in one statement with a single parameter: the rows as a JSON array, read
 * back by `jsonb_to_recordset` into the columns' own types (arrays from JSON arrays, jsonb as
 * is). A multi-row VALUES list costs a bind parameter per cell and, through the query builder,
 * more CPU than the insert itself; this costs one JSON.stringify. Used by the write paths every
 * change takes (outbox, audit, notifications, timeline, workflow runs) and by imports. Rows are
 * keyed by field name (camelCase); a field a row lacks gets the column's default when it is
 * NOT NULL with one, else null; a field no row has is left out of the insert. Columns with a
 * JS-side default function are not supported (none of the tables it is used for has one).
 */
export async function insertRows<T extends PgTable, K extends string = never>(db: Queryable, table: T, rows: Array<T['$inferInsert']>, options: InsertRowsOptions<K> = {}): Promise<Array<Record<K, string>>> {
  if (rows.length === 0) return [];
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const present = new Set<string>();
  for (const row of rows as Array<Record<string, unknown>>) for (const key of Object.keys(row)) if (row[key] !== undefined) present.add(key);
  for (const key of present) if (!all[key]) throw new Error(`insertRows: ${getTableName(table)} has no column ${key}`);
  const columns = Object.entries(all).filter(([key]) => present.has(key));
  // The JSON objects are keyed by column name, so the record definition can name them.
  const payload = JSON.stringify((rows as Array<Record<string, unknown>>).map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, column] of columns) out[column.name] = asJson(row[key]) ?? null;
    return out;
  }));
  const names = sql.join(columns.map(([, c]) => sql.identifier(c.name)), sql`, `);
  const values = sql.join(columns.map(([, c]) => valueOf(c)), sql`, `);
  const definition = sql.join(columns.map(([, c]) => sql`${sql.identifier(c.name)} ${sql.raw(c.getSQLType())}`), sql`, `);
  const conflict = options.onConflictDoNothing ? sql` on conflict do nothing` : sql``;
  const returning = options.returning?.length ? sql` returning ${sql.join(options.returning.map((k) => sql`${sql.identifier(all[k].name)}::text as ${sql.identifier(k)}`), sql`, `)}` : sql``;
  const result = await db.execute(sql`insert into ${table} (${names}) select ${values} from jsonb_to_recordset(${payload}::jsonb) as r(${definition})${conflict}${returning}`);
  if (!options.returning?.length) return [];
  return (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as Array<Record<K, string>>;
}
