import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Context } from '@voyage/kernel';
import type { CustomerTable } from '../record-kinds';

export interface RecordValues {
  id: string;
  /** The version the row must still have; a row that moved is left alone and not returned. */
  version: number;
  /** Column values by field name (camelCase); a field that is absent keeps its value. */
  values: Record<string, unknown>;
}

const SETTABLE = new Set(['version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'workspaceId', 'id', 'searchGrams', 'phoneDigits']);

/** How a value of a JSON object becomes the column's type. */
function fromJson(column: PgColumn, key: string): SQL {
  const type = column.getSQLType();
  const value = sql`v.vals -> ${key}`;
  if (type === 'jsonb') return value;
  if (type.endsWith('[]')) return sql`case when jsonb_typeof(${value}) = 'array' then array(select jsonb_array_elements_text(${value})) else null end`;
  return sql`(v.vals ->> ${key})::${sql.raw(type)}`;
}

/**
 * Sets different values on many records in one statement (UPDATE … FROM a JSON recordset)
 * with the version guard of every write. Returns the ids and new versions of the rows written.
 */
export async function bulkSetRecords(ctx: Context, table: CustomerTable, rows: RecordValues[], extra: { deletedAt?: 'keep' | 'now' | 'clear' } = {}): Promise<Array<{ id: string; version: number }>> {
  if (!rows.length) return [];
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => !SETTABLE.has(key));
  const present = new Set(rows.flatMap((r) => Object.keys(r.values)));
  const assignments = columns
    .filter(([key]) => present.has(key))
    .map(([key, column]) => sql`${sql.identifier(column.name)} = case when v.vals ? ${key} then ${fromJson(column, key)} else c.${sql.identifier(column.name)} end`);
  if (extra.deletedAt === 'now') assignments.push(sql`deleted_at = now()`);
  if (extra.deletedAt === 'clear') assignments.push(sql`deleted_at = null`);
  assignments.push(sql`version = c.version + 1`, sql`updated_at = now()`, sql`updated_by = ${ctx.actor.userId}::uuid`);
  const payload = JSON.stringify(rows.map((r) => ({ id: r.id, version: r.version, vals: r.values })));
  const result = await ctx.db.execute(sql`
    update ${table} as c set ${sql.join(assignments, sql`, `)}
    from jsonb_to_recordset(${payload}::jsonb) as v(id uuid, version int, vals jsonb)
    where c.workspace_id = ${ctx.workspaceId}::uuid and c.id = v.id and c.version = v.version
    returning c.id, c.version`);
  const out = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ id: string; version: number }>;
  return out.map((r) => ({ id: r.id, version: Number(r.version) }));
}
