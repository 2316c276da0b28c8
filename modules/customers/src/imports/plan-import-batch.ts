import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ZCreateAccountRequest, ZCreateContactRequest, ZUpdateAccountRequest, ZUpdateContactRequest, type TImportOptions } from '@voyage/contracts';
import { AppError, schema, scopedWhere, translate, type Context, type CustomFieldDef, type FieldIssue } from '@voyage/kernel';
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
  /** The row's duplicate keys: normalized email (accounts: name key), then E.164 phones. */
  keys: string[];
}

/**
 * What the batch before this one will write but may not have committed yet (the run plans a
 * batch while the previous one is written): rows repeating its keys or records are duplicates.
 */
export interface PendingKeys {
  /** Keys of the records it creates. */
  keys: ReadonlySet<string>;
  /** Records it updates. */
  recordIds: ReadonlySet<string>;
}

export const NO_PENDING: PendingKeys = { keys: new Set(), recordIds: new Set() };

/** What a planned batch leaves pending for the next one while it is being written. */
export function pendingOf(rows: PlannedRow[]): PendingKeys {
  return {
    keys: new Set(rows.filter((r) => r.action === 'created').flatMap((r) => r.keys)),
    recordIds: new Set(rows.filter((r) => r.action === 'updated').map((r) => r.existing!.id as string)),
  };
}

export interface PlanSettings {
  mapping: Array<string | null>;
  options: TImportOptions;
  defs: CustomFieldDef[];
  phoneRegion: string;
  /** Column header of each field key, to name fields in row errors. */
  headerOf: Map<string, string>;
}

type PhoneParser = (text: string) => string | null;

/** Phone fields of each kind; a value that is no possible number is refused as the create and update use cases refuse it. */
const PHONE_FIELDS: Record<RecordKind['object'], readonly string[]> = { contact: ['mobile', 'phone'], account: ['phone'] };

/** toE164 in the workspace's region, each text parsed once per batch (libphonenumber is the costliest step of planning). */
function phoneParser(region: string): PhoneParser {
  const parsed = new Map<string, string | null>();
  return (text) => {
    let value = parsed.get(text);
    if (value === undefined) parsed.set(text, (value = toE164(text, region)));
    return value;
  };
}

const CREATE_SCHEMA: Record<RecordKind['object'], z.ZodType> = { contact: ZCreateContactRequest, account: ZCreateAccountRequest };
const UPDATE_SCHEMA: Record<RecordKind['object'], z.ZodType> = { contact: ZUpdateContactRequest, account: ZUpdateAccountRequest };

/**
 * Decides what to do with each row of a batch, with no writes: looks up companies, owners
 * and duplicates once for the batch, then runs every row through the request schema and
 * checkRecordInput, the validation the create and update use cases use.
 */
export async function planImportBatch(ctx: Context, kind: RecordKind, rows: SourceRow[], settings: PlanSettings, pending: PendingKeys = NO_PENDING): Promise<PlannedRow[]> {
  const defsByKey = new Map(settings.defs.map((d) => [d.key, d]));
  const planned: PlannedRow[] = rows.map((row) => {
    const parsed = rowInput(row.cells, settings.mapping, defsByKey, settings.options.tags ?? []);
    const input = parsed.input;
    if (settings.options.ownerId) input.ownerId = settings.options.ownerId;
    return { ...row, action: 'created', input, errors: [], keys: [], accountName: parsed.accountName, owner: parsed.owner } as PlannedRow & { accountName?: string; owner?: string };
  });
  const issue = (row: PlannedRow, field: string, code: string) => row.errors.push(fieldIssue(ctx.locale, settings.headerOf.get(field) ?? field, code));

  await resolveAccounts(ctx, planned as Array<PlannedRow & { accountName?: string }>, issue);
  await resolveOwners(ctx, planned as Array<PlannedRow & { owner?: string }>, issue);
  const e164 = phoneParser(settings.phoneRegion);
  if (settings.options.duplicates !== 'create') await matchDuplicates(ctx, kind, planned, settings, pending, e164);

  for (const row of planned) {
    if (row.action === 'skipped') continue;
    // The phone check of checkRecordInput, made here with the parse the duplicate match
    // reused, so that a bad number does not send the whole batch through it twice (validateRows).
    for (const field of PHONE_FIELDS[kind.object]) {
      const value = row.input[field];
      if (typeof value === 'string' && !e164(value)) row.errors.push({ field, code: 'invalid_phone', message: translate(ctx.locale, 'field.invalid_phone', { field: settings.headerOf.get(field) ?? field }) });
    }
    const schemaOf = row.action === 'updated' ? UPDATE_SCHEMA : CREATE_SCHEMA;
    const parsed = schemaOf[kind.object].safeParse(row.action === 'updated' ? { ...row.input, version: 1 } : row.input);
    if (!parsed.success) {
      for (const zi of parsed.error.issues) {
        const field = zi.path.map(String).join('.');
        issue(row, field, zi.code === 'invalid_type' && zi.input === undefined ? 'required' : zi.code === 'too_big' ? 'too_long' : 'invalid_format');
      }
    }
  }
  await validateRows(ctx, kind, planned.filter((r) => r.action !== 'skipped' && !r.errors.length), settings, e164);
  for (const row of planned) if (row.errors.length) row.action = 'rejected';
  return planned;
}

async function validateRows(ctx: Context, kind: RecordKind, rows: PlannedRow[], settings: PlanSettings, parsePhone: PhoneParser): Promise<void> {
  if (!rows.length) return;
  const check = (subset: PlannedRow[]) => checkRecordInput(ctx, kind, subset.map((r, i) => ({ input: r.input, mode: r.action === 'updated' ? 'update' as const : 'create' as const, path: `${i}.`, id: r.existing?.id as string | undefined })), { parsePhone });
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
    await validateRows(ctx, kind, rows.filter((r) => !r.errors.length), settings, parsePhone);
  }
}

async function resolveAccounts(ctx: Context, rows: Array<PlannedRow & { accountName?: string }>, issue: (row: PlannedRow, field: string, code: string) => void): Promise<void> {
  const keys = [...new Set(rows.map((r) => r.accountName && companyNameKey(r.accountName)).filter((k): k is string => !!k))];
  if (!keys.length) return;
  const scope = await scopedWhere(ctx, accounts, 'account');
  // Several accounts may share a name: the oldest visible one is taken, the same on every run.
  const found = await ctx.db.selectDistinctOn([accounts.nameKey], { id: accounts.id, key: accounts.nameKey }).from(accounts)
    .where(and(scope, sql`${accounts.nameKey} = any(${sql.param(keys)}::text[])`)).orderBy(accounts.nameKey, accounts.id);
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
async function matchDuplicates(ctx: Context, kind: RecordKind, rows: PlannedRow[], settings: PlanSettings, pending: PendingKeys, toE164Once: PhoneParser): Promise<void> {
  const t = kind.table as typeof contacts;
  const live = and(eq(t.workspaceId, ctx.workspaceId), isNull(t.deletedAt));
  const primaryOf = rows.map((row) => kind.object === 'contact'
    ? (typeof row.input.email === 'string' ? normalizeEmail(row.input.email) || null : null)
    : (typeof row.input.name === 'string' ? companyNameKey(row.input.name) || null : null));
  const phonesOf = rows.map((row) => [row.input.mobile, row.input.phone].filter((p): p is string => typeof p === 'string').map(toE164Once).filter((p): p is string => !!p));
  rows.forEach((row, i) => (row.keys = [...(primaryOf[i] ? [primaryOf[i]!] : []), ...phonesOf[i]]));
  const primaries = [...new Set(primaryOf.filter((v): v is string => !!v))];
  const phones = [...new Set(phonesOf.flat())];
  // Only ids and keys come back: whole rows are read for the few records an update touches.
  const byPrimary = new Map<string, string>();
  const byPhone = new Map<string, string>();
  if (primaries.length) {
    const column = kind.object === 'contact' ? t.email : (accounts.nameKey as unknown as typeof t.email);
    const found = await ctx.db.select({ id: t.id, key: column }).from(t).where(and(live, sql`${column} = any(${sql.param(primaries)}::text[])`)).orderBy(t.id);
    for (const r of found) if (r.key && !byPrimary.has(r.key)) byPrimary.set(r.key, r.id);
  }
  if (phones.length) {
    // One query per column: with `phone = any(…) or mobile = any(…)` PostgreSQL estimates
    // many matches and scans the whole table.
    const columns = kind.object === 'contact' ? [t.phoneE164, t.mobileE164] : [t.phoneE164];
    for (const column of columns) {
      const found = await ctx.db.select({ id: t.id, phone: column }).from(t).where(and(live, sql`${column} = any(${sql.param(phones)}::text[])`)).orderBy(t.id);
      for (const r of found) if (r.phone && !byPhone.has(r.phone)) byPhone.set(r.phone, r.id);
    }
  }
  const seen = new Set<string>();
  const claimed = new Set<string>();
  rows.forEach((row, i) => {
    const primary = primaryOf[i];
    const existingId = (primary && byPrimary.get(primary)) || phonesOf[i].map((k) => byPhone.get(k)).find(Boolean);
    // A second row of the same file with the same email or phone, or matching a record an
    // earlier row already updates, is a duplicate of that row: skipped.
    const repeated = row.keys.some((k) => seen.has(k) || pending.keys.has(k)) || (!!existingId && (claimed.has(existingId) || pending.recordIds.has(existingId)));
    row.keys.forEach((k) => seen.add(k));
    if (!existingId) {
      if (repeated) row.action = 'skipped';
      return;
    }
    row.existing = { id: existingId };
    row.action = settings.options.duplicates === 'update' && !repeated ? 'updated' : 'skipped';
    if (row.action === 'updated') claimed.add(existingId);
  });
  const toUpdate = rows.filter((r) => r.action === 'updated');
  if (!toUpdate.length) return;
  // An update may only touch records the importer could update by hand; their current values
  // and version are what the update guards on and what undo restores.
  const scope = await scopedWhere(ctx, t, kind.object, { access: 'update' });
  const current = await ctx.db.select().from(t).where(and(scope, sql`${t.id} = any(${sql.param(toUpdate.map((r) => r.existing!.id as string))}::uuid[])`));
  const byId = new Map(current.map((r) => [r.id, r as Record<string, unknown>]));
  for (const row of toUpdate) {
    const existing = byId.get(row.existing!.id as string);
    if (existing) row.existing = existing;
    else row.errors.push(fieldIssue(ctx.locale, 'id', 'not_found', {}, 'imports.duplicate_out_of_scope'));
  }
}
