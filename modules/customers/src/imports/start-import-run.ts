import { and, eq, inArray } from 'drizzle-orm';
import type { TImport } from '@voyage/contracts';
import { AppError, assertCan, type Context, type JobSender } from '@voyage/kernel';
import { imports } from '../db/imports';
import { loadImport, toImportView } from './load-import';

export const IMPORT_RUN_JOB = 'customers.import-run';

/** Queues the run of a mapped import; the job reports progress on the import. */
export async function startImportRun(ctx: Context, id: string, send: JobSender): Promise<TImport> {
  const current = await loadImport(ctx, id);
  if ((current.options as { duplicates?: string }).duplicates === 'update') assertCan(ctx.actor, current.object, 'update');
  const [row] = await ctx.db.update(imports).set({ status: 'running', error: null, updatedAt: new Date() })
    .where(and(eq(imports.workspaceId, ctx.workspaceId), eq(imports.id, id), inArray(imports.status, ['mapped', 'dry_run_done']))).returning();
  if (!row) throw new AppError('imports.not_mapped');
  // The job id is the import's: starting twice queues one job.
  await send(IMPORT_RUN_JOB, { workspaceId: ctx.workspaceId, importId: id }, { id });
  return toImportView(row);
}
