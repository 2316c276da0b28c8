import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ZCreateAccountRequest, ZCreateContactRequest, ZUpdateAccountRequest, ZUpdateContactRequest, type TImportOptions } from '@voyage/contracts';
import { AppError, schema, scopedWhere, type Context, type CustomFieldDef, type FieldIssue } from '@voyage/kernel';
import { accounts, type contacts } from '../db/schema';
import { companyNameKey } from '../normalize/company-name';
import { normalizeEmail } from '../normalize/email';
import { toE164 } from '../normalize/phone';
import type { RecordKind } from '../record-kinds';
import { checkRecordInput } from '../use-cases/check-record-input';
import { fieldIssue } from './field-issue';
import { rowInput } from './row-input';

export interface SourceRow {
  rowNumber: number;
  cells: string[];
}

export interface PlannedRow extends SourceRow {
  action: 'created' | 'updated' | 'skipped' | 'rejected';
  input: Record<string, unknown>;
  /** The matched record, for updates and skips. */
  existing?: Record<string, unknown>;
  errors: FieldIssue[];
  custom?: Record<string, unknown>;
  derived?: Record<string, unknown>;
}

export interface PlanSettings {
  mapping: Array<string | null>;
  options: TImportOptions;
  defs: CustomFieldDef[];
  phoneRegion: string;
  /** Column header of each field key, to name fields in row errors. */
  headerOf: Map<string, string>;
}

const CREATE_SCHEMA: Record<RecordKind['object'], z.ZodType> = { contact: ZCreateContactRequest, account: ZCreateAccountRequest };
const UPDATE_SCHEMA: Record<RecordKind['object'], z.ZodType> = { contact: ZUpdateContactRequest, account: ZUpdateAccountRequest };

/**
 * Decides what to do with each row of a batch, with no writes: looks up companies, owners
 * and duplicates once for the batch, then runs every row through the request schema and
 * checkRecordInput, the validation the create and update use cases use.
 */
export async function planImportBatch(ctx: Context, kind: RecordKind, rows: SourceRow[], settings: PlanSettings): Promise<PlannedRow[]> {
  const defsByKey = new Map(settings.defs.map((d) => [d.key, d]));
  const planned: PlannedRow[] = rows.map((row) => {
    const parsed = rowInput(row.cells, settings.mapping, defsByKey, settings.options.tags ?? []);
    const input = parsed.input;
    if (settings.options.ownerId) input.ownerId = settings.options.ownerId;
    return { ...row, action: 'created', input, errors: [], accountName: parsed.accountName, owner: parsed.owner } as PlannedRow & { accountName?: string; owner?: string };
  });
  const issue = (row: PlannedRow, field: string, code: string) => row.errors.push(fieldIssue(ctx.locale, settings.headerOf.get(field) ?? field, code));

  await resolveAccounts(ctx, planned as Array<PlannedRow & { accountName?: string }>, issue);
  await resolveOwners(ctx, planned as Array<PlannedRow & { owner?: string }>, issue);
  if (settings.options.duplicates !== 'create') await matchDuplicates(ctx, kind, planned, settings);

  for (const row of planned) {
    if (row.action === 'skipped') continue;
    const schemaOf = row.action === 'updated' ? UPDATE_SCHEMA : CREATE_SCHEMA;
    const parsed = schemaOf[kind.object].safeParse(row.action === 'updated' ? { ...row.input, version: 1 } : row.input);
    if (!parsed.success) {
      for (const zi of parsed.error.issues) {
        const field = zi.path.map(String).join('.');
        issue(row, field, zi.code === 'invalid_type' && zi.input === undefined ? 'required' : zi.code === 'too_big' ? 'too_long' : 'invalid_format');
      }
    }
  }
  await validateRows(ctx, kind, planned.filter((r) => r.action !== 'skipped' && !r.errors.length), settings);
  for (const row of planned) if (row.errors.length) row.action = 'rejected';
  return planned;
}

async function validateRows(ctx: Context, kind: RecordKind, rows: PlannedRow[], settings: PlanSettings): Promise<void> {
  if (!rows.length) return;
  const check = (subset: PlannedRow[]) => checkRecordInput(ctx, kind, subset.map((r, i) => ({ input: r.input, mode: r.action === 'updated' ? 'update' as const : 'create' as const, path: `${i}.`, id: r.existing?.id as string | undefined })));
  try {
    const checked = await check(rows);
    rows.forEach((r, i) => Object.assign(r, { custom: checked.custom[i], derived: checked.derived[i] }));
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
    for (const fi of (error.details as { fields: FieldIssue[] }).fields) {
      const dot = fi.field.indexOf('.');
      const row = rows[Number(fi.field.slice(0, dot))];
      const field = fi.field.slice(dot + 1);
      const name = settings.headerOf.get(field) ?? field;
      row.errors.push({ field, code: fi.code, message: fi.message.split(fi.field).join(name) });
    }
    // The rows without problems are checked again on their own to get their stored forms.
    await validateRows(ctx, kind, rows.filter((r) => !r.errors.length), settings);
  }
}

async function resolveAccounts(ctx: Context, rows: Array<PlannedRow & { accountName?: string }>, issue: (row: PlannedRow, field: string, code: string) => void): Promise<void> {
  const keys = [...new Set(rows.map((r) => r.accountName && companyNameKey(r.accountName)).filter((k): k is string => !!k))];
  if (!keys.length) return;
  const scope = await scopedWhere(ctx, accounts, 'account');
  const found = await ctx.db.select({ id: accounts.id, key: accounts.nameKey }).from(accounts).where(and(scope, inArray(accounts.nameKey, keys)));
  const byKey = new Map(found.map((f) => [f.key, f.id]));
  for (const row of rows) {
    if (!row.accountName) continue;
    const id = byKey.get(companyNameKey(row.accountName));
    if (id) row.input.accountId = id;
    else issue(row, 'account', 'not_found');
  }
}

async function resolveOwners(ctx: Context, rows: Array<PlannedRow & { owner?: string }>, issue: (row: PlannedRow, field: string, code: string) => void): Promise<void> {
  const texts = [...new Set(rows.map((r) => r.owner).filter((o): o is string => !!o))];
  if (!texts.length) return;
  const m = schema.memberships;
  const u = schema.users;
  const found = await ctx.db.select({ id: u.id, email: u.email, name: u.name }).from(m).innerJoin(u, eq(u.id, m.userId))
    .where(and(eq(m.workspaceId, ctx.workspaceId), eq(m.status, 'active'), or(inArray(sql`lower(${u.email})`, texts.map((t) => t.toLowerCase())), inArray(u.name, texts))));
  const byText = new Map<string, string>();
  for (const f of found) {
    byText.set(f.email.toLowerCase(), f.id);
    if (f.name) byText.set(f.name, f.id);
  }
  for (const row of rows) {
    if (!row.owner) continue;
    const id = byText.get(row.owner.toLowerCase()) ?? byText.get(row.owner);
    if (id) row.input.ownerId = id;
    else issue(row, 'owner', 'not_member');
  }
}

/** Matches rows to live records by normalized email, then E.164 phone (accounts: name key, then phone); one query per rule. */
async function matchDuplicates(ctx: Context, kind: RecordKind, rows: PlannedRow[], settings: PlanSettings): Promise<void> {
  const t = kind.table as typeof contacts;
  const live = and(eq(t.workspaceId, ctx.workspaceId), isNull(t.deletedAt));
  const phoneOf = (row: PlannedRow) => [row.input.mobile, row.input.phone].filter((p): p is string => typeof p === 'string').map((p) => toE164(p, settings.phoneRegion)).filter((p): p is string => !!p);
  const primaryOf = (row: PlannedRow): string | null => {
    if (kind.object === 'contact') return typeof row.input.email === 'string' ? normalizeEmail(row.input.email) : null;
    return typeof row.input.name === 'string' ? companyNameKey(row.input.name) || null : null;
  };
  const primaries = [...new Set(rows.map(primaryOf).filter((v): v is string => !!v))];
  const phones = [...new Set(rows.flatMap(phoneOf))];
  const byPrimary = new Map<string, Record<string, unknown>>();
  const byPhone = new Map<string, Record<string, unknown>>();
  if (primaries.length) {
    const column = kind.object === 'contact' ? t.email : (accounts.nameKey as unknown as typeof t.email);
    for (const r of await ctx.db.select().from(t).where(and(live, inArray(column, primaries)))) byPrimary.set(String(kind.object === 'contact' ? r.email : (r as unknown as { nameKey: string }).nameKey), r);
  }
  if (phones.length) {
    const phoneMatch = kind.object === 'contact' ? or(inArray(t.phoneE164, phones), inArray(t.mobileE164, phones)) : inArray(t.phoneE164, phones);
    for (const r of await ctx.db.select().from(t).where(and(live, phoneMatch))) {
      for (const p of [r.phoneE164, (r as { mobileE164?: string | null }).mobileE164]) if (p) byPhone.set(p, r);
    }
  }
  const seen = new Set<string>();
  for (const row of rows) {
    const primary = primaryOf(row);
    const existing = (primary && byPrimary.get(primary)) || phoneOf(row).map((p) => byPhone.get(p)).find(Boolean);
    const keys = [primary, ...phoneOf(row)].filter((k): k is string => !!k);
    // A second row of the same file with the same email or phone is a duplicate of the first.
    if (!existing && keys.some((k) => seen.has(k))) row.action = 'skipped';
    keys.forEach((k) => seen.add(k));
    if (!existing) continue;
    row.existing = existing;
    row.action = settings.options.duplicates === 'update' ? 'updated' : 'skipped';
  }
  const toUpdate = rows.filter((r) => r.action === 'updated');
  if (!toUpdate.length) return;
  // An update may only touch records the importer could update by hand.
  const scope = await scopedWhere(ctx, t, kind.object, { access: 'update' });
  const allowed = new Set((await ctx.db.select({ id: t.id }).from(t).where(and(scope, inArray(t.id, toUpdate.map((r) => r.existing!.id as string))))).map((r) => r.id));
  for (const row of toUpdate) {
    if (!allowed.has(row.existing!.id as string)) row.errors.push(fieldIssue(ctx.locale, 'id', 'not_found', {}, 'imports.duplicate_out_of_scope'));
  }
}
