import { stringify } from 'csv-stringify';
import { and, asc, eq } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { translate, type Context } from '@voyage/kernel';
import { importRows } from '../db/imports';
import { loadImport } from './load-import';

/**
 * The rows an import refused, as CSV: the original columns and an error column in the
 * user's language, with a BOM so Excel reads Chinese correctly.
 */
export async function rejectedRowsCsv(ctx: Context, id: string): Promise<{ fileName: string; stream: Readable }> {
  const current = await loadImport(ctx, id);
  const rows = await ctx.db.select({ row: importRows.rowNumber, cells: importRows.cells, error: importRows.error }).from(importRows)
    .where(and(eq(importRows.workspaceId, ctx.workspaceId), eq(importRows.importId, id), eq(importRows.action, 'rejected'))).orderBy(asc(importRows.rowNumber));
  const csv = stringify({ bom: true });
  csv.write([translate(ctx.locale, 'imports.row_column'), ...current.headers, translate(ctx.locale, 'imports.error_column')]);
  for (const r of rows) csv.write([String(r.row), ...current.headers.map((_, i) => r.cells?.[i] ?? ''), r.error ?? '']);
  csv.end();
  return { fileName: `${current.fileName.replace(/\.[^.]+$/, '')}-rejected.csv`, stream: csv };
}
