import { and, eq, inArray } from 'drizzle-orm';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import type { Queryable } from '../db/client';
import { memberships, workspaces } from '../db/schema';
import { validationError, type FieldIssue } from '../errors';
import { isUuid } from '../ids';
import type { Locale } from '../i18n/locales';
import { translate } from '../i18n/translate';
import { findExistingRecordIds } from '../records/record-tables';
import './messages';
import { DEFAULT_MAX_LENGTH, type CustomFieldDef } from './types';

export interface CustomValuesRow {
  /** The `custom` object of the request; undefined when the row does not touch custom fields. */
  input: unknown;
  /** `create` enforces required fields; `update` checks only what is given. */
  mode: 'create' | 'update';
  /** Prefix of field names in errors: `custom`, or `create.3.custom` in a batch. */
  path?: string;
}

export interface ValidateCustomValuesOptions {
  workspaceId: string;
  defs: CustomFieldDef[];
  locale: Locale;
}

const emailSchema = z.email();
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function decimalsOf(n: number): number {
  const text = String(n);
  if (text.includes('e-')) return Number(text.split('e-')[1]);
  return text.includes('.') ? text.split('.')[1].length : 0;
}

/**
 * Validates the custom values of many rows against the object's definitions and returns
 * them normalized (phones in E.164, emails trimmed, datetimes in UTC). Every problem is
 * collected and thrown at once as a validation error naming `custom.<key>`. Lookups
 * (members, linked records) are made once for all rows.
 */
export async function validateCustomValuesBatch(db: Queryable, options: ValidateCustomValuesOptions, rows: CustomValuesRow[]): Promise<Array<Record<string, unknown>>> {
  const { defs, locale } = options;
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const issues: FieldIssue[] = [];
  const userRefs: Array<{ field: string; id: string }> = [];
  const linkRefs: Array<{ field: string; object: string; id: string }> = [];
  const phoneRefs: Array<{ field: string; row: Record<string, unknown>; key: string; text: string }> = [];
  const results: Array<Record<string, unknown>> = [];

  for (const row of rows) {
    const prefix = row.path ?? 'custom';
    const out: Record<string, unknown> = {};
    results.push(out);
    const add = (field: string, code: string, key: string, params: Record<string, string | number> = {}) =>
      issues.push({ field, code, message: translate(locale, key, { field, ...params }) });
    if (row.input === undefined) {
      if (row.mode === 'update') continue;
    } else if (row.input === null || typeof row.input !== 'object' || Array.isArray(row.input)) {
      add(prefix, 'invalid_type', 'field.invalid_type', { expected: 'object' });
      continue;
    }
    const input = (row.input ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(input)) if (!byKey.has(key)) add(`${prefix}.${key}`, 'unknown', 'field.unknown');

    for (const def of defs) {
      const field = `${prefix}.${def.key}`;
      const given = Object.prototype.hasOwnProperty.call(input, def.key);
      let value = input[def.key];
      if (def.type === 'autonumber') {
        if (given) add(field, 'read_only', 'field.read_only');
        continue;
      }
      if (typeof value === 'string' && def.type !== 'long_text') value = value.trim();
      const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
      if (empty) {
        if (def.required && (row.mode === 'create' || given)) add(field, 'required', 'field.required');
        else if (given) out[def.key] = null;
        continue;
      }
      const wrongType = (expected: string) => add(field, 'invalid_type', 'field.invalid_type', { expected });
      const { config } = def;
      switch (def.type) {
        case 'text':
        case 'long_text':
        case 'url':
        case 'email':
        case 'phone': {
          if (typeof value !== 'string') { wrongType('string'); break; }
          const max = config.maxLength ?? DEFAULT_MAX_LENGTH[def.type] ?? 255;
          if (value.length > max) { add(field, 'too_long', 'field.too_long', { max }); break; }
          if (def.type === 'email') {
            if (!emailSchema.safeParse(value).success) add(field, 'invalid_email', 'field.invalid_email');
            else out[def.key] = value;
          } else if (def.type === 'url') {
            let ok = false;
            try { ok = ['http:', 'https:'].includes(new URL(value).protocol); } catch { ok = false; }
            if (ok) out[def.key] = value; else add(field, 'invalid_url', 'field.invalid_url');
          } else if (def.type === 'phone') {
            phoneRefs.push({ field, row: out, key: def.key, text: value });
          } else out[def.key] = value;
          break;
        }
        case 'number': {
          const n = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
          if (typeof n !== 'number' || !Number.isFinite(n)) { wrongType('number'); break; }
          if (config.min !== undefined && n < config.min) add(field, 'too_small', 'field.too_small', { min: config.min });
          else if (config.max !== undefined && n > config.max) add(field, 'too_big', 'field.too_big', { max: config.max });
          else if (config.decimals !== undefined && decimalsOf(n) > config.decimals) add(field, 'too_many_decimals', 'field.too_many_decimals', { max: config.decimals });
          else out[def.key] = n;
          break;
        }
        case 'currency': {
          const v = value as { amount?: unknown; currency?: unknown };
          const keys = typeof value === 'object' && !Array.isArray(value) ? Object.keys(value as object) : [];
          if (typeof value !== 'object' || Array.isArray(value) || keys.some((k) => k !== 'amount' && k !== 'currency') || !Number.isSafeInteger(v.amount)) { wrongType('{ amount: integer minor units, currency }'); break; }
          const currency = v.currency ?? config.currency;
          if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) { add(`${field}.currency`, 'invalid_format', 'field.invalid_format'); break; }
          const amount = v.amount as number;
          if (config.min !== undefined && amount < config.min) add(field, 'too_small', 'field.too_small', { min: config.min });
          else if (config.max !== undefined && amount > config.max) add(field, 'too_big', 'field.too_big', { max: config.max });
          else out[def.key] = { amount, currency };
          break;
        }
        case 'date':
          if (typeof value !== 'string' || !isCalendarDate(value)) add(field, 'invalid_date', 'field.invalid_date');
          else out[def.key] = value;
          break;
        case 'datetime': {
          const ok = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
          if (!ok) add(field, 'invalid_date', 'field.invalid_date');
          else out[def.key] = new Date(value as string).toISOString();
          break;
        }
        case 'boolean':
          if (typeof value !== 'boolean') wrongType('boolean');
          else out[def.key] = value;
          break;
        case 'single_select':
        case 'multi_select': {
          const allowed = new Set(def.options.map((o) => o.value));
          const list = def.type === 'single_select' ? [value] : value;
          if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) { wrongType(def.type === 'single_select' ? 'string' : 'string[]'); break; }
          if (list.some((x) => !allowed.has(x as string))) { add(field, 'invalid_option', 'field.invalid_option', { options: [...allowed].join(', ') }); break; }
          out[def.key] = def.type === 'single_select' ? value : [...new Set(list as string[])];
          break;
        }
        case 'user':
        case 'record_link':
          if (!isUuid(value)) { add(field, 'invalid_format', 'field.invalid_format'); break; }
          out[def.key] = value;
          if (def.type === 'user') userRefs.push({ field, id: value });
          else linkRefs.push({ field, object: config.linkObject ?? '', id: value });
          break;
      }
    }
  }

  if (phoneRefs.length) {
    const ws = await db.select({ region: workspaces.defaultPhoneRegion }).from(workspaces).where(eq(workspaces.id, options.workspaceId));
    const region = (ws[0]?.region ?? 'CN') as CountryCode;
    for (const ref of phoneRefs) {
      const parsed = parsePhoneNumberFromString(ref.text, region);
      if (!parsed || !parsed.isValid()) issues.push({ field: ref.field, code: 'invalid_phone', message: translate(locale, 'field.invalid_phone', { field: ref.field }) });
      else ref.row[ref.key] = parsed.number;
    }
  }
  if (userRefs.length) {
    const found = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, options.workspaceId), inArray(memberships.userId, [...new Set(userRefs.map((r) => r.id))]), eq(memberships.status, 'active')));
    const members = new Set(found.map((r) => r.userId));
    for (const ref of userRefs) if (!members.has(ref.id)) issues.push({ field: ref.field, code: 'not_member', message: translate(locale, 'field.not_member', { field: ref.field }) });
  }
  for (const object of new Set(linkRefs.map((r) => r.object))) {
    const refs = linkRefs.filter((r) => r.object === object);
    const existing = await findExistingRecordIds(db, options.workspaceId, object, refs.map((r) => r.id));
    for (const ref of refs) if (!existing.has(ref.id)) issues.push({ field: ref.field, code: 'not_found', message: translate(locale, 'field.not_found', { field: ref.field }) });
  }

  if (issues.length) throw validationError(issues);
  return results;
}

/** Validates one record's custom values; see validateCustomValuesBatch. */
export async function validateCustomValues(db: Queryable, options: ValidateCustomValuesOptions, row: CustomValuesRow): Promise<Record<string, unknown>> {
  const [values] = await validateCustomValuesBatch(db, options, [row]);
  return values;
}
