import { and, eq, inArray } from 'drizzle-orm';
import { AppError, assertWritableFields, findExistingRecordIds, loadCustomFieldDefs, schema, translate, validateCustomValuesBatch, type Context, type FieldIssue } from '@voyage/kernel';
import { loadCustomerSettings } from '../normalize/customer-settings';
import { deriveRecordColumns } from '../normalize/derive-record-columns';
import type { RecordKind } from '../record-kinds';

export interface RecordInputRow {
  input: Record<string, unknown>;
  mode: 'create' | 'update';
  /** Prefix of field names in errors: '' for one record, `create.3.` in a batch. */
  path: string;
  /** The record's own id on update, to refuse making an account its own parent. */
  id?: string;
}

export interface CheckedRecordInput {
  /** Normalized custom values of each row. */
  custom: Array<Record<string, unknown>>;
  /** Stored forms of each row's built-in fields (normalize/derive-record-columns). */
  derived: Array<Record<string, unknown>>;
}

/**
 * Checks what the built-in schema cannot: field rules, owners who are members, linked
 * accounts that exist, phone numbers, and custom values. Lookups are made once for all rows;
 * every problem of every row is reported together.
 */
export async function checkRecordInput(ctx: Context, kind: RecordKind, rows: RecordInputRow[], options: { parsePhone?: (text: string) => string | null } = {}): Promise<CheckedRecordInput> {
  for (const row of rows) assertWritableFields(ctx.actor, kind.object, row.input);
  const issues: FieldIssue[] = [];
  const issue = (field: string, code: string, key: string) => issues.push({ field, code, message: translate(ctx.locale, key, { field }) });

  const owners = [...new Set(rows.map((r) => r.input.ownerId).filter((v): v is string => typeof v === 'string'))];
  if (owners.length) {
    const m = schema.memberships;
    const found = await ctx.db.select({ userId: m.userId }).from(m).where(and(eq(m.workspaceId, ctx.workspaceId), inArray(m.userId, owners), eq(m.status, 'active')));
    const members = new Set(found.map((r) => r.userId));
    for (const row of rows) if (typeof row.input.ownerId === 'string' && !members.has(row.input.ownerId)) issue(`${row.path}ownerId`, 'not_member', 'field.not_member');
  }

  const linked = rows.flatMap((r) => kind.accountLinks.map((f) => r.input[f]).filter((v): v is string => typeof v === 'string'));
  if (linked.length) {
    const existing = await findExistingRecordIds(ctx.db, ctx.workspaceId, 'account', linked);
    for (const row of rows) {
      for (const f of kind.accountLinks) {
        const value = row.input[f];
        if (typeof value !== 'string') continue;
        if (!existing.has(value)) issue(`${row.path}${f}`, 'not_found', 'field.not_found');
        else if (value === row.id) issue(`${row.path}${f}`, 'invalid', 'field.invalid');
      }
    }
  }

  const settings = await loadCustomerSettings(ctx.db, ctx.workspaceId);
  const derived = rows.map((row) => {
    const result = deriveRecordColumns(kind, row.input, { phoneRegion: settings.phoneRegion, locale: ctx.locale, path: row.path, parsePhone: options.parsePhone });
    issues.push(...result.issues);
    return result.values;
  });

  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, kind.object);
  let custom: Array<Record<string, unknown>> = [];
  try {
    custom = await validateCustomValuesBatch(ctx.db, { workspaceId: ctx.workspaceId, defs, locale: ctx.locale }, rows.map((r) => ({ input: r.input.custom, mode: r.mode, path: `${r.path}custom` })));
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
    issues.push(...(error.details as { fields: FieldIssue[] }).fields);
  }
  if (issues.length) throw new AppError('validation_failed', { details: { fields: issues } });
  return { custom, derived };
}
