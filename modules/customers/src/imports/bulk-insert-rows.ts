import { getTableColumns, is, sql, SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '@voyage/kernel';

/** A row's value of `column`, or the column's default where the row has none (as a multi-row VALUES list with DEFAULT). */
function valueOf(column: PgColumn): SQL {
  const value = sql`r.${sql.identifier(column.name)}`;
  if (!column.notNull || !column.hasDefault || column.default === undefined) return value;
  const fallback = is(column.default, SQL) ? column.default : sql`${typeof column.default === 'object' ? JSON.stringify(column.default) : column.default}::${sql.raw(column.getSQLType())}`;
  return sql`coalesce(${value}, ${fallback})`;
}

/**
 * Inserts many rows in one statement with a single parameter: the rows as a JSON array, read
 * back by `jsonb_to_recordset` into the columns' own types (arrays from JSON arrays, jsonb as
 * is). A multi-row VALUES list costs a bind parameter per cell and, through the query
 * builder, more CPU than the insert itself; this costs one JSON.stringify. Rows are keyed by
 * field name (camelCase); a field a row lacks gets the column's default when it is NOT NULL
 * with one, else null; a field no row has is left out of the insert.
 */
export async function bulkInsertRows(db: Queryable, table: PgTable, rows: Array<Record<string, unknown>>): Promise<void> {
  if (!rows.length) return;
  const present = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (row[key] !== undefined) present.add(key);
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => present.has(key)).map(([key, column]) => [key, column as PgColumn] as const);
  // The JSON objects are keyed by column name, so the record definition can name them.
  const payload = JSON.stringify(rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, column] of columns) out[column.name] = row[key] ?? null;
    return out;
  }));
  const names = sql.join(columns.map(([, c]) => sql.identifier(c.name)), sql`, `);
  const values = sql.join(columns.map(([, c]) => valueOf(c)), sql`, `);
  const definition = sql.join(columns.map(([, c]) => sql`${sql.identifier(c.name)} ${sql.raw(c.getSQLType())}`), sql`, `);
  await db.execute(sql`insert into ${table} (${names}) select ${values} from jsonb_to_recordset(${payload}::jsonb) as r(${definition})`);
}
