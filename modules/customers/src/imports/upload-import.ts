import type { Readable } from 'node:stream';
import type { TImportUploadResponse } from '@voyage/contracts';
import { AppError, assertCan, assertScope, CsvError, loadCustomFieldDefs, newId, NotTextError, translate, type Context, fileStorage } from '@voyage/kernel';
import { imports } from '../db/imports';
import { importFields, suggestMapping, type ImportObject } from './import-fields';
import { importFileKey, toImportView } from './load-import';
import { formatOf, readRows } from './read-rows';

const PREVIEW_ROWS = 5;

/**
 * Stores an uploaded CSV or XLSX file as a new import, reads its header row, counts its
 * rows and suggests which field each column fills.
 */
export async function uploadImport(ctx: Context, input: { object: ImportObject; fileName: string; file: Readable }): Promise<TImportUploadResponse> {
  assertCan(ctx.actor, input.object, 'create');
  assertScope(ctx.actor, `${input.object}:write`);
  const format = formatOf(input.fileName);
  const fileIssue = (code: string, key: string, params: Record<string, string | number> = {}) =>
    new AppError('validation_failed', { details: { fields: [{ field: 'file', code, message: translate(ctx.locale, key, { name: input.fileName, ...params }) }] } });
  if (!format) throw fileIssue('invalid_format', 'imports.unsupported_format');
  const id = newId();
  const storage = fileStorage(ctx.env);
  const key = importFileKey(ctx.workspaceId, id);
  await storage.put(key, input.file);
  if ((input.file as Readable & { truncated?: boolean }).truncated) {
    await storage.delete(key);
    throw new AppError('payload_too_large', { params: { limit: ctx.env.IMPORT_UPLOAD_LIMIT } });
  }
  let headers: string[] = [];
  const preview: string[][] = [];
  let total = 0;
  try {
    for await (const cells of readRows(storage.get(key), format)) {
      if (!headers.length) headers = cells.map((c, i) => c || `#${i + 1}`);
      else {
        total += 1;
        if (preview.length < PREVIEW_ROWS) preview.push(cells);
      }
    }
  } catch (error) {
    await storage.delete(key);
    if (error instanceof CsvError) throw fileIssue(error.code, `imports.csv_${error.code}`, { line: error.line });
    if (error instanceof NotTextError) throw fileIssue('not_text', 'imports.not_text');
    throw fileIssue('invalid_format', format === 'xlsx' ? 'imports.bad_xlsx' : 'imports.bad_csv');
  }
  // A header and no data rows is as empty as no file at all.
  if (!headers.length || total === 0) {
    await storage.delete(key);
    throw new AppError('imports.empty_file');
  }
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, input.object);
  const fields = importFields(input.object, defs, ctx.locale);
  const [row] = await ctx.db.insert(imports).values({
    workspaceId: ctx.workspaceId, id, object: input.object, fileName: input.fileName.slice(0, 255), format, headers, total,
    mapping: suggestMapping(headers, fields), options: { duplicates: 'skip' }, locale: ctx.locale, createdBy: ctx.actor.userId,
  }).returning();
  return { ...toImportView(row), preview, fields: fields.map(({ key, label, required }) => ({ key, label, required })) };
}
