import { and, eq } from 'drizzle-orm';
import type { TExportJob } from '@voyage/contracts';
import { AppError, assertCan, type Context } from '@voyage/kernel';
import { exportsTable } from '../db/imports';

export const EXPORT_JOB = 'customers.export-build';

export type ExportRecord = typeof exportsTable.$inferSelect;

export const exportFileKey = (workspaceId: string, id: string, format: string) => `exports/${workspaceId}/${id}.${format}`;

export function toExportView(row: ExportRecord): TExportJob {
  return {
    id: row.id,
    object: row.object as TExportJob['object'],
    format: row.format as TExportJob['format'],
    status: row.status as TExportJob['status'],
    total: row.total,
    progress: row.status === 'done' ? 100 : row.total ? Math.floor((row.progress / row.total) * 100) : 0,
    downloadUrl: row.status === 'done' ? `/api/v1/exports/${row.id}/download` : null,
    error: row.error,
  };
}

/** An export job; only the member who asked for it may see and download it. */
export async function loadExport(ctx: Context, id: string): Promise<ExportRecord> {
  const [row] = await ctx.db.select().from(exportsTable).where(and(eq(exportsTable.workspaceId, ctx.workspaceId), eq(exportsTable.id, id)));
  if (!row || row.createdBy !== ctx.actor.userId) throw new AppError('not_found', { params: { what: 'export' } });
  assertCan(ctx.actor, row.object, 'export');
  return row;
}
