import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db/client';

/** A table whose rows carry a workspace, an id and an optimistic-concurrency version. */
type VersionedTable = PgTable & { workspaceId: PgColumn; id: PgColumn; version: PgColumn };

/** One row to change: the version it was read at and its new values, by column property name. */
export interface VersionedChange {
  id: string;
  version: number;
  values: Record<string, unknown>;
}

const asJson = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? value.toString() : value === undefined ? null : value);

/**
 * Updates many rows of one workspace, each with its own values, in one statement per set of
 * changed columns (a bulk change of 500 rows is one UPDATE … FROM jsonb_to_recordset rather than
 * 500). Each row is changed only at the version it was read at, and its version goes up by one;
 * `common` values (updated_at, updated_by) apply to every row. Returns the rows changed: a row
 * missing from the result was changed by someone else in between (the caller's 409).
 */
export async function updateRowsByVersion<T extends VersionedTable>(db: Queryable, table: T, workspaceId: string, changes: VersionedChange[], common: Record<string, unknown> = {}): Promise<Array<T['$inferSelect']>> {
  if (changes.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const groups = new Map<string, VersionedChange[]>();
  for (const change of changes) {
    const keys = Object.keys(change.values).filter((k) => change.values[k] !== undefined).sort();
    for (const key of keys) if (!columns[key] || key === 'id' || key === 'workspaceId' || key === 'version') throw new Error(`updateRowsByVersion: ${key} is not a column that can be set`);
    const signature = keys.join(',');
    const group = groups.get(signature);
    if (group) group.push(change);
    else groups.set(signature, [change]);
  }
  const out: Array<T['$inferSelect']> = [];
  for (const [signature, group] of groups) {
    const keys = signature ? signature.split(',') : [];
    const definition = sql.raw(['id uuid', 'version integer', ...keys.map((k) => `"${columns[k].name}" ${columns[k].getSQLType()}`)].join(', '));
    const rows = group.map((c) => ({ id: c.id, version: c.version, ...Object.fromEntries(keys.map((k) => [columns[k].name, asJson(c.values[k])])) }));
    const set: Record<string, SQL | unknown> = { ...common, version: sql`${table.version} + 1` };
    for (const k of keys) set[k] = sql.raw(`v."${columns[k].name}"`);
    const updated = await db
      .update(table)
      .set(set as never)
      .from(sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(${definition})`)
      .where(and(eq(table.workspaceId, workspaceId), sql`${table.id} = v.id`, sql`${table.version} = v.version`))
      .returning();
    out.push(...(updated as Array<T['$inferSelect']>));
  }
  return out;
}
