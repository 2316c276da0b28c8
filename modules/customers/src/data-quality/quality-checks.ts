import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { fieldRule, type Actor, type CustomFieldDef, type Locale } from '@voyage/kernel';
import { accounts, contacts } from '../db/schema';

/**
 * The email rule the API applies on every write (zod's `z.email()` pattern, which has no
 * look-arounds, so PostgreSQL runs it as is): "invalid" means what a save would now refuse.
 * Such values come from older rules, bulk loads or imports with checks switched off.
 */
export const EMAIL_PATTERN = "^(?:[A-Za-z0-9_'+-]+\\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\\.)+[A-Za-z]{2,}$";

/**
 * A web address as people type it: an optional http(s) scheme, a host name with a dot and a
 * top-level domain of letters (Chinese ones too), an optional port and path. "www.example.cn"
 * passes, "example", "http://", "ftp://x.cn" or text with spaces do not.
 */
export const WEBSITE_PATTERN = '^(?:https?://)?(?:[0-9a-z\\u00a1-\\uffff](?:[0-9a-z\\u00a1-\\uffff-]*[0-9a-z\\u00a1-\\uffff])?\\.)+[a-z\\u00a1-\\uffff]{2,}(?::[0-9]{1,5})?(?:[/?#]\\S*)?$';

/** One column of the report: when a record's value counts as missing, and as invalid. */
export interface QualityCheck {
  /** `email`, `phone`, … or `custom.<key>`. */
  key: string;
  /** Label of a custom field in the request language; built-in checks are named by the client. */
  label: string | null;
  /** Fields the check reads; if the actor may not see one of them the check is left out. */
  fields: string[];
  /** Shown, but not part of the completeness score (a B2C contact has no account). */
  informational: boolean;
  missing: SQL;
  /** Present but unusable; never true together with `missing`. */
  invalid?: SQL;
  /** The same records as `missing`, in list filter parameters: the report links to the list with them. */
  missingFilter: Record<string, string> | null;
}

// Empty as the list's `is_empty` filter means it, so a report count and its list agree.
const blank = (column: PgColumn) => sql`(${column} is null or ${column} = '')`;
const present = (column: PgColumn) => sql`(${column} is not null and ${column} <> '')`;
const isEmpty = (...fields: string[]) => Object.fromEntries(fields.map((f) => [`filter[${f}][is_empty]`, 'true']));
// A phone typed but never resolved to E.164 with the workspace region (written before a region
// change, by a bulk load, or by an import with the check off) cannot be dialled or matched.
const unparsedPhone = (raw: PgColumn, e164: PgColumn) => sql`(${present(raw)} and ${e164} is null)`;

function contactChecks(): QualityCheck[] {
  const c = contacts;
  return [
    { key: 'email', label: null, fields: ['email'], informational: false, missingFilter: isEmpty('email'), missing: blank(c.email), invalid: sql`(${present(c.email)} and ${c.email} !~ ${EMAIL_PATTERN})` },
    {
      key: 'phone', label: null, fields: ['phone', 'mobile'], informational: false, missingFilter: isEmpty('phone', 'mobile'),
      missing: sql`(${blank(c.phone)} and ${blank(c.mobile)})`,
      invalid: sql`(${unparsedPhone(c.phone, c.phoneE164)} or ${unparsedPhone(c.mobile, c.mobileE164)})`,
    },
    { key: 'account', label: null, fields: ['accountId'], informational: true, missingFilter: isEmpty('accountId'), missing: sql`(${c.accountId} is null)` },
    { key: 'lifecycleStage', label: null, fields: ['lifecycleStage'], informational: false, missingFilter: isEmpty('lifecycleStage'), missing: blank(c.lifecycleStage) },
    {
      key: 'followUp', label: null, fields: [], informational: false,
      missingFilter: { 'filter[followUpCount][eq]': '0', ...isEmpty('lastFollowUpAt') },
      missing: sql`(${c.followUpCount} = 0 and ${c.lastFollowUpAt} is null)`,
    },
  ];
}

function accountChecks(): QualityCheck[] {
  const a = accounts;
  return [
    { key: 'industry', label: null, fields: ['industry'], informational: false, missingFilter: isEmpty('industry'), missing: blank(a.industry) },
    { key: 'region', label: null, fields: ['region'], informational: false, missingFilter: isEmpty('region'), missing: blank(a.region) },
    { key: 'phone', label: null, fields: ['phone'], informational: false, missingFilter: isEmpty('phone'), missing: blank(a.phone), invalid: unparsedPhone(a.phone, a.phoneE164) },
    { key: 'website', label: null, fields: ['website'], informational: false, missingFilter: isEmpty('website'), missing: blank(a.website), invalid: sql`(${present(a.website)} and btrim(${a.website}) !~* ${WEBSITE_PATTERN})` },
    { key: 'lifecycleStage', label: null, fields: ['lifecycleStage'], informational: false, missingFilter: isEmpty('lifecycleStage'), missing: blank(a.lifecycleStage) },
  ];
}

/** A required custom field left empty: records created before it became required, or imported. */
function customCheck(custom: PgColumn, def: CustomFieldDef, locale: Locale): QualityCheck {
  // Keys match /^[a-z][a-z0-9_]{0,39}$/, so inlining is safe (as the list operands do).
  const value = sql`(${custom}->${sql.raw(`'${def.key}'`)})`;
  return {
    key: `custom.${def.key}`, label: def.labels?.[locale] ?? def.label, fields: [`custom.${def.key}`], informational: false,
    missingFilter: isEmpty(`custom.${def.key}`),
    missing: sql`(coalesce(${value}, 'null'::jsonb) in ('null'::jsonb, '""'::jsonb, '[]'::jsonb))`,
  };
}

/** The checks of an object as this actor may see them: fields hidden from the actor are not reported on. */
export function qualityChecks(object: 'contact' | 'account', defs: CustomFieldDef[], actor: Actor, locale: Locale): QualityCheck[] {
  const custom = object === 'contact' ? contacts.custom : accounts.custom;
  const all = [
    ...(object === 'contact' ? contactChecks() : accountChecks()),
    ...defs.filter((d) => d.required).map((d) => customCheck(custom, d, locale)),
  ];
  const rule = (field: string) => fieldRule(actor, object, field);
  return all
    .filter((check) => check.fields.every((field) => rule(field) !== 'hidden'))
    // The list refuses filters on masked fields; such a cell drills down through the report only.
    .map((check) => (filterFields(check.missingFilter).some((f) => rule(f) === 'masked') ? { ...check, missingFilter: null } : check));
}

function filterFields(filter: Record<string, string> | null): string[] {
  return Object.keys(filter ?? {}).map((param) => /^filter\[([^\]]+)\]/.exec(param)![1]);
}
