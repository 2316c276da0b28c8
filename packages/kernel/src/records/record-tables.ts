import { and, inArray, isNull, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db/client';
import type { Context } from '../context';
import { can, hasScope } from '../permissions/check';
import { scopedWhere } from '../permissions/data-scope';

/** The columns a record table exposes to the kernel for lookups across objects. */
export interface RecordTable {
  table: PgTable;
  workspaceId: PgColumn;
  id: PgColumn;
  deletedAt?: PgColumn;
  /** What people call a record (a name): exports and links show it instead of the id. */
  title?: PgColumn;
  /** The owner column: with it, `findVisibleRecordIds` applies the actor's data scope. */
  ownerId?: PgColumn;
}

const tables = new Map<string, RecordTable>();

/**
 * Modules register the table behind each of their objects, so the kernel can check a
 * record link (a custom field pointing at an account) without importing the module.
 */
export function registerRecordTable(object: string, table: RecordTable): void {
  tables.set(object, table);
}

export function recordTableOf(object: string): RecordTable | undefined {
  return tables.get(object);
}

/** Which of `ids` are live records of `object` in the workspace. */
export async function findExistingRecordIds(db: Queryable, workspaceId: string, object: string, ids: string[]): Promise<Set<string>> {
  const t = tables.get(object);
  if (!t || ids.length === 0) return new Set();
  const rows = (await db
    .select({ id: t.id })
    .from(t.table)
    .where(and(eq(t.workspaceId, workspaceId), inArray(t.id, [...new Set(ids)]), t.deletedAt ? isNull(t.deletedAt) : undefined))) as Array<{ id: string }>;
  return new Set(rows.map((r) => r.id));
}

/** The titles of records of `object` in the workspace (trashed ones too: a deal still names its old account). */
export async function recordTitles(db: Queryable, workspaceId: string, object: string, ids: string[]): Promise<Map<string, string>> {
  const t = tables.get(object);
  if (!t?.title || ids.length === 0) return new Map();
  const rows = (await db.select({ id: t.id, title: t.title }).from(t.table).where(and(eq(t.workspaceId, workspaceId), inArray(t.id, [...new Set(ids)])))) as Array<{ id: string; title: string | null }>;
  return new Map(rows.map((r) => [r.id, r.title ?? '']));
}

/**
 * Which of `ids` are live records of `object` the actor may read (role permission, data scope,
 * shares): what a link from one record to another must point at, so nobody attaches a record
 * they cannot see. Objects registered without an owner column fall back to existence.
 */
export async function findVisibleRecordIds(ctx: Pick<Context, 'db' | 'actor' | 'workspaceId'>, object: string, ids: string[]): Promise<Set<string>> {
  const t = tables.get(object);
  if (!t || ids.length === 0) return new Set();
  if (!t.ownerId) return findExistingRecordIds(ctx.db, ctx.workspaceId, object, ids);
  if (!can(ctx.actor, object, 'read') || !hasScope(ctx.actor, `${object}:read`)) return new Set();
  const where = await scopedWhere(ctx, { workspaceId: t.workspaceId, id: t.id, ownerId: t.ownerId, deletedAt: t.deletedAt }, object);
  const rows = (await ctx.db.select({ id: t.id }).from(t.table).where(and(where, inArray(t.id, [...new Set(ids)])))) as Array<{ id: string }>;
  return new Set(rows.map((r) => r.id));
}
