import type { TCreateLeadRequest, TLeadImportResult } from '@voyage/contracts';
import { AppError, assertCan, CsvError, detectEncoding, newId, NotTextError, parseCsv, runInTransaction, translate, type Context, type TextEncoding } from '@voyage/kernel';
import { leadImports } from '../db/leads';
import { createLeads } from './create-leads';
import { IMPORT_FIELDS, mapHeaders, sizeOf, sourceOf, type ImportField } from './lead-import-columns';
import { LEAD_ERRORS } from './lead-messages';
import { normalizeLeadContact, phoneRegionOf } from './normalize-lead';

type RowError = TLeadImportResult['errors'][number];

/**
 * The rows of a CSV file in UTF-8, UTF-16 or GBK/GB18030 (Excel's default for Chinese CSV),
 * read by the kernel's reader the contact import uses; a file that is not text or not CSV is a
 * 422 saying which (with the line of a stray quote).
 */
async function readCsv(file: Buffer): Promise<{ records: string[][]; encoding: string }> {
  let encoding: TextEncoding;
  try {
    encoding = detectEncoding(file.subarray(0, 64 * 1024));
  } catch (error) {
    if (error instanceof NotTextError) throw new AppError(LEAD_ERRORS.importNotText);
    throw error;
  }
  const text = new TextDecoder(encoding, { ignoreBOM: false }).decode(file);
  const records: string[][] = [];
  try {
    for await (const rows of parseCsv((async function* () { yield text; })())) records.push(...rows);
  } catch (error) {
    if (error instanceof CsvError) throw new AppError(LEAD_ERRORS.importBadCsv, { params: { line: error.line } });
    throw error;
  }
  return { records, encoding };
}

/** Import results as the API shows them. */
export function importToWire(row: typeof leadImports.$inferSelect): TLeadImportResult {
  return { id: row.id, fileName: row.fileName, encoding: row.encoding, totalRows: row.totalRows, createdCount: row.createdCount, errors: row.errors, status: row.status, createdAt: row.createdAt.toISOString() };
}

/**
 * Imports leads from a CSV file in one step: headers mapped by name (English or Chinese),
 * each row checked, every valid row inserted in one transaction (through the assignment
 * rules), the bad ones reported with their line number and field. Line 1 is the header.
 */
export async function importLeads(ctx: Context, file: Buffer, fileName: string | null): Promise<TLeadImportResult> {
  assertCan(ctx.actor, 'lead', 'create');
  const { records, encoding } = await readCsv(file);
  if (records.length < 2) throw new AppError(LEAD_ERRORS.importEmpty);
  const fields = mapHeaders(records[0]);
  if (!fields.includes('name')) {
    throw new AppError('validation_failed', { details: { fields: [{ field: 'name', code: 'missing_column', message: translate(ctx.locale, 'sales.field.required', { field: 'name' }) }] } });
  }
  const region = await phoneRegionOf(ctx.db, ctx.workspaceId);
  const errors: RowError[] = [];
  const valid: TCreateLeadRequest[] = [];
  const fail = (line: number, field: string, key: string) => errors.push({ row: line, field, message: translate(ctx.locale, key, { field }) });
  records.slice(1).forEach((cells, index) => {
    const line = index + 2;
    const value: Partial<Record<ImportField, string>> = {};
    fields.forEach((field, col) => { if (field && cells[col]?.trim()) value[field] = cells[col].trim(); });
    const before = errors.length;
    if (!value.name) fail(line, 'name', 'sales.field.required');
    for (const f of IMPORT_FIELDS) if ((value[f]?.length ?? 0) > 200) fail(line, f, 'sales.field.invalid_value');
    const source = value.source ? sourceOf(value.source) : 'other';
    if (!source) fail(line, 'source', 'sales.field.invalid_value');
    const size = value.size ? sizeOf(value.size) : undefined;
    if (value.size && !size) fail(line, 'size', 'sales.field.invalid_value');
    for (const issue of normalizeLeadContact(ctx, value, region).issues) errors.push({ row: line, field: issue.field, message: issue.message });
    if (errors.length > before) return;
    valid.push({ name: value.name!, company: value.company, title: value.title, email: value.email, phone: value.phone, mobile: value.mobile, region: value.region, industry: value.industry, size, source, channel: value.channel });
  });
  return runInTransaction(ctx, async (tx) => {
    const id = newId();
    if (valid.length) await createLeads(tx, valid, { importId: id });
    const [row] = await tx.db.insert(leadImports).values({ workspaceId: tx.workspaceId, id, fileName, encoding, totalRows: records.length - 1, createdCount: valid.length, errors, createdBy: tx.actor.userId }).returning();
    return importToWire(row);
  });
}
