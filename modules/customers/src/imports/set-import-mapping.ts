import { and, eq } from 'drizzle-orm';
import type { TImport, TImportMappingRequest } from '@voyage/contracts';
import { AppError, assertCan, loadCustomFieldDefs, type Context, type FieldIssue } from '@voyage/kernel';
import { imports } from '../db/imports';
import { fieldIssue } from './field-issue';
import { importFields } from './import-fields';
import { loadImport, toImportView } from './load-import';

/** Saves which field each column fills and the import's options, before a dry run or a run. */
export async function setImportMapping(ctx: Context, id: string, input: TImportMappingRequest): Promise<TImport> {
  const current = await loadImport(ctx, id);
  if (!['uploaded', 'mapped', 'dry_run_done'].includes(current.status)) throw new AppError('imports.not_editable');
  const options = input.options ?? { duplicates: 'skip' as const };
  if (options.duplicates === 'update') assertCan(ctx.actor, current.object, 'update');
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, current.object);
  const known = new Set(importFields(current.object as 'contact', defs, ctx.locale).map((f) => f.key));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  input.mapping.forEach((field, i) => {
    if (field === null) return;
    if (!known.has(field)) issues.push(fieldIssue(ctx.locale, `mapping.${i}`, 'invalid'));
    else if (seen.has(field)) issues.push(fieldIssue(ctx.locale, `mapping.${i}`, 'invalid'));
    seen.add(field);
  });
  if (input.mapping.length !== current.headers.length) issues.push(fieldIssue(ctx.locale, 'mapping', 'invalid'));
  if (!seen.has('name') && options.duplicates !== 'update') issues.push(fieldIssue(ctx.locale, 'mapping', 'required', {}, 'imports.name_unmapped'));
  if (issues.length) throw new AppError('validation_failed', { details: { fields: issues } });
  const [row] = await ctx.db.update(imports).set({ mapping: input.mapping, options, status: 'mapped', dryRun: null, updatedAt: new Date() })
    .where(and(eq(imports.workspaceId, ctx.workspaceId), eq(imports.id, id))).returning();
  return toImportView(row);
}
