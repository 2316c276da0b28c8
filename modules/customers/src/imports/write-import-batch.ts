import { and, eq, sql } from 'drizzle-orm';
import { AppError, assignAutonumbers, insertRows, newId, updateRowsByVersion, type Context, type CustomFieldDef } from '@voyage/kernel';
import { importRows, imports } from '../db/imports';
import type { RecordKind } from '../record-kinds';
import type { PlannedRow } from './plan-import-batch';

/**
 * Writes one planned batch in the caller's transaction: one insert for the created records,
 * one statement for the updated ones, one insert of their trail, and the import's counters
 * moved on only if no other attempt committed this batch first.
 */
export async function writeImportBatch(tx: Context, kind: RecordKind, importId: string, processedBefore: number, rows: PlannedRow[], defs: CustomFieldDef[]): Promise<void> {
  const creates = rows.filter((r) => r.action === 'created');
  const updates = rows.filter((r) => r.action === 'updated');
  const trail = new Map<number, { recordId?: string; versionAfter?: number; previous?: Record<string, unknown> }>();

  if (creates.length) {
    const numbers = await assignAutonumbers(tx.db, tx.workspaceId, kind.object, defs, creates.length);
    const values = creates.map((row, i) => {
      const builtIn = Object.fromEntries(kind.writable.filter((f) => row.input[f] !== undefined).map((f) => [f, row.input[f]]));
      const id = newId();
      trail.set(row.rowNumber, { recordId: id, versionAfter: 1 });
      return { ...builtIn, ...row.derived, workspaceId: tx.workspaceId, id, ownerId: (row.input.ownerId as string | undefined) ?? tx.actor.userId, custom: { ...row.custom, ...numbers[i] }, createdBy: tx.actor.userId, updatedBy: tx.actor.userId };
    });
    await insertRows(tx.db, kind.table, values as Array<typeof kind.table.$inferInsert>);
  }

  if (updates.length) {
    const sets = updates.map((row) => {
      const existing = row.existing!;
      const builtIn = Object.fromEntries(kind.writable.filter((f) => row.input[f] !== undefined).map((f) => [f, row.input[f]]));
      const values: Record<string, unknown> = { ...builtIn, ...row.derived };
      if (row.custom && Object.keys(row.custom).length) values.custom = { ...(existing.custom as object), ...row.custom };
      const previous = Object.fromEntries(Object.keys(values).map((k) => [k, existing[k] ?? null]));
      trail.set(row.rowNumber, { recordId: existing.id as string, previous });
      return { id: existing.id as string, version: existing.version as number, values };
    });
    const written = await updateRowsByVersion(tx.db, kind.table, tx.workspaceId, sets, { updatedAt: new Date(), updatedBy: tx.actor.userId });
    // A record changed between the lookup and now: roll back; the job's retry plans the batch again.
    if (written.length !== sets.length) throw new AppError('version_conflict', { details: { importId } });
    const versions = new Map(written.map((w) => [w.id, w.version]));
    for (const row of updates) trail.get(row.rowNumber)!.versionAfter = versions.get(row.existing!.id as string);
  }

  if (rows.length) {
    await insertRows(tx.db, importRows, rows.map((row) => ({
      workspaceId: tx.workspaceId,
      importId,
      rowNumber: row.rowNumber,
      action: row.action,
      recordId: trail.get(row.rowNumber)?.recordId ?? (row.existing?.id as string | undefined) ?? null,
      versionAfter: trail.get(row.rowNumber)?.versionAfter ?? null,
      previous: trail.get(row.rowNumber)?.previous ?? null,
      cells: row.action === 'rejected' ? row.cells : null,
      error: row.errors.length ? row.errors.map((e) => e.message).join('; ') : null,
    })));
  }
  const count = (action: PlannedRow['action']) => rows.filter((r) => r.action === action).length;
  const moved = await tx.db.update(imports).set({
    processed: sql`${imports.processed} + ${rows.length}`,
    created: sql`${imports.created} + ${count('created')}`,
    updated: sql`${imports.updated} + ${count('updated')}`,
    skipped: sql`${imports.skipped} + ${count('skipped')}`,
    rejected: sql`${imports.rejected} + ${count('rejected')}`,
    updatedAt: new Date(),
  }).where(and(eq(imports.workspaceId, tx.workspaceId), eq(imports.id, importId), eq(imports.processed, processedBefore))).returning({ id: imports.id });
  if (!moved.length) throw new AppError('conflict', { details: { importId } });
}
