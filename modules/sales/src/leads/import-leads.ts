import { parse } from 'csv-parse/sync';
import type { TCreateLeadRequest, TLeadImportResult } from '@voyage/contracts';
import { AppError, assertCan, newId, runInTransaction, translate, type Context } from '@voyage/kernel';
import { leadImports } from '../db/leads';
import { createLeads } from './create-leads';
import { IMPORT_FIELDS, mapHeaders, sizeOf, sourceOf, type ImportField } from './lead-import-columns';
import { LEAD_ERRORS } from './lead-messages';
import { normalizeLeadContact, phoneRegionOf } from './normalize-lead';

type RowError = TLeadImportResult['errors'][number];

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030 (a superset of GBK). */
export function decodeCsv(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
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
  const { text, encoding } = decodeCsv(file);
  const records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
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
