import { and, eq } from 'drizzle-orm';
import type { TImport, TImportRowError } from '@voyage/contracts';
import { AppError, assertCan, type Context, fileStorage } from '@voyage/kernel';
import { imports } from '../db/imports';
import { importBatches } from './import-batches';
import { kindOf, loadImport, planSettingsOf, toImportView } from './load-import';
import { NO_PENDING, pendingOf, planImportBatch } from './plan-import-batch';

/** Row errors kept for the screen; the counts cover every row. */
const MAX_REPORTED_ERRORS = 200;

/** Plans every row as the run would, without writing a record, and keeps the counts and row errors. */
export async function dryRunImport(ctx: Context, id: string): Promise<TImport> {
  const current = await loadImport(ctx, id);
  if (!['mapped', 'dry_run_done'].includes(current.status)) throw new AppError('imports.not_mapped');
  if ((current.options as { duplicates?: string }).duplicates === 'update') assertCan(ctx.actor, current.object, 'update');
  const kind = kindOf(current.object);
  const settings = await planSettingsOf(ctx, current);
  const counts = { total: 0, created: 0, updated: 0, skipped: 0, rejected: 0 };
  const errors: TImportRowError[] = [];
  let pending = NO_PENDING;
  for await (const batch of importBatches(fileStorage(ctx.env), current)) {
    const planned = await planImportBatch(ctx, kind, batch, settings, pending);
    // As in the run: the previous batch's new records count as existing for this one.
    pending = pendingOf(planned);
    for (const row of planned) {
      counts.total += 1;
      counts[row.action] += 1;
      if (row.action === 'rejected' && errors.length < MAX_REPORTED_ERRORS) errors.push({ row: row.rowNumber, errors: row.errors.map((e) => ({ field: e.field, message: e.message })) });
    }
  }
  const [row] = await ctx.db.update(imports).set({ status: 'dry_run_done', dryRun: { counts, errors }, updatedAt: new Date() })
    .where(and(eq(imports.workspaceId, ctx.workspaceId), eq(imports.id, id))).returning();
  return toImportView(row);
}
