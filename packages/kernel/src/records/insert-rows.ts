import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db/client';

const asJson = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? value.toString() : value);

export interface InsertRowsOptions<K extends string> {
  /** Skip rows that hit a unique constraint (`on conflict do nothing`). */
  onConflictDoNothing?: boolean;
  /** Column property names to return, as text, for the rows inserted (none of them may be null). */
  returning?: K[];
}

/**
 * Inserts many rows as ONE parameter: `insert … select from jsonb_to_recordset($1)`. For the
 * write paths every change takes (outbox, audit, timeline, workflow runs and steps), where
 * building a multi-row insert parameter by parameter costs more CPU than the database spends
 * on it. Rows are grouped by the columns they set, so a column a row leaves out keeps its
 * database default. Values as for drizzle's insert (Dates, arrays, objects for jsonb); columns
 * with a JS-side default function are not supported (none of the tables it is used for has one).
 */
export async function insertRows<T extends PgTable, K extends string = never>(db: Queryable, table: T, rows: Array<T['$inferInsert']>, options: InsertRowsOptions<K> = {}): Promise<Array<Record<K, string>>> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const groups = new Map<string, Array<Record<string, unknown>>>();
  for (const row of rows as Array<Record<string, unknown>>) {
    const keys = Object.keys(row).filter((k) => row[k] !== undefined).sort();
    for (const key of keys) if (!columns[key]) throw new Error(`insertRows: ${getTableName(table)} has no column ${key}`);
    const signature = keys.join(',');
    const group = groups.get(signature);
    if (group) group.push(row);
    else groups.set(signature, [row]);
  }
  const out: Array<Record<K, string>> = [];
  for (const [signature, group] of groups) {
    const keys = signature.split(',');
    const names = keys.map((k) => `"${columns[k].name}"`).join(', ');
    const definition = sql.raw(keys.map((k) => `"${columns[k].name}" ${columns[k].getSQLType()}`).join(', '));
    const json = JSON.stringify(group.map((row) => Object.fromEntries(keys.map((k) => [columns[k].name, asJson(row[k]) ?? null]))));
    const conflict = options.onConflictDoNothing ? sql` on conflict do nothing` : sql``;
    const returning: SQL = options.returning?.length ? sql.raw(` returning ${options.returning.map((k) => `"${columns[k].name}"::text as "${k}"`).join(', ')}`) : sql``;
    const result = (await db.execute(sql`insert into ${table} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${json}::jsonb) as v(${definition})${conflict}${returning}`)) as unknown as { rows: Array<Record<K, string>> };
    if (options.returning?.length) out.push(...result.rows);
  }
  return out;
}
