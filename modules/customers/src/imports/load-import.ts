import { and, eq } from 'drizzle-orm';
import type { TImport, TImportOptions } from '@voyage/contracts';
import { AppError, assertCan, loadCustomFieldDefs, type Context } from '@voyage/kernel';
import { imports } from '../db/imports';
import { loadCustomerSettings } from '../normalize/customer-settings';
import { accountKind, contactKind, type RecordKind } from '../record-kinds';
import { importFields } from './import-fields';
import type { PlanSettings } from './plan-import-batch';

export type ImportRecord = typeof imports.$inferSelect;

export const kindOf = (object: string): RecordKind => (object === 'account' ? accountKind : contactKind);

/** The storage key of an import's file. */
export const importFileKey = (workspaceId: string, id: string) => `imports/${workspaceId}/${id}`;

/**
 * An import of the workspace. Another member's import is visible to whoever may create
 * records of its object, which is who could have run it.
 */
export async function loadImport(ctx: Context, id: string): Promise<ImportRecord> {
  const [row] = await ctx.db.select().from(imports).where(and(eq(imports.workspaceId, ctx.workspaceId), eq(imports.id, id)));
  if (!row) throw new AppError('not_found', { params: { what: 'import' } });
  assertCan(ctx.actor, row.object, 'create');
  return row;
}

export function toImportView(row: ImportRecord): TImport {
  const done = row.processed;
  const progress = row.status === 'done' || row.status === 'undone' ? 100 : row.total ? Math.floor((done / row.total) * 100) : 0;
  return {
    id: row.id,
    object: row.object as TImport['object'],
    fileName: row.fileName,
    format: row.format as TImport['format'],
    status: row.status as TImport['status'],
    headers: row.headers,
    mapping: row.mapping,
    options: row.options,
    counts: { total: row.total, created: row.created, updated: row.updated, skipped: row.skipped, rejected: row.rejected },
    progress,
    dryRun: (row.dryRun as TImport['dryRun']) ?? null,
    error: row.error,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** What planning a batch of this import needs, loaded once per run. */
export async function planSettingsOf(ctx: Context, row: ImportRecord): Promise<PlanSettings> {
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, row.object);
  const settings = await loadCustomerSettings(ctx.db, ctx.workspaceId);
  const labels = new Map(importFields(row.object as 'contact', defs, ctx.locale).map((f) => [f.key, f.label]));
  const headerOf = new Map<string, string>();
  row.mapping.forEach((field, i) => {
    if (!field) return;
    const header = row.headers[i] || labels.get(field) || field;
    headerOf.set(field, header);
    if (field === 'account') headerOf.set('accountId', header);
    if (field === 'owner') headerOf.set('ownerId', header);
  });
  return { mapping: row.mapping, options: row.options as TImportOptions, defs, phoneRegion: settings.phoneRegion, headerOf };
}
