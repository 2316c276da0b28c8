import { inArray } from 'drizzle-orm';
import { schema, translate, type Context, type FieldIssue, type Queryable } from '@voyage/kernel';
import { loadObjectFields } from '../engine/record-fields';
import { loadRecordOwner } from '../engine/record-owner';

/** `{{ record.name }}`, `{{owner.email}}`: a dotted path between double braces. */
const MERGE_FIELD = /\{\{\s*([a-zA-Z_][\w.]*)\s*\}\}/g;

/** Fields of the record's owner (and of the person the mail goes to) every template may use. */
export const PERSON_FIELDS = ['name', 'email'] as const;
const FIXED_PATHS = new Set([...PERSON_FIELDS.map((f) => `owner.${f}`), 'recipient.email']);

export function mergeFieldsOf(text: string): string[] {
  return [...text.matchAll(MERGE_FIELD)].map((m) => m[1]);
}

/** Every merge field a template of `object` may use: record fields (custom ones too), owner, recipient. */
export async function availableMergeFields(db: Queryable, workspaceId: string, object: string | null): Promise<string[]> {
  const fields = object ? await loadObjectFields(db, workspaceId, object) : null;
  return [...(fields ? [...fields.fields.keys()].map((k) => `record.${k}`) : []), ...FIXED_PATHS];
}

/**
 * The unknown merge fields of each text, as issues naming the text's field (`subject`, `body`)
 * and the merge field, so a template is refused at save rather than when it sends.
 */
export async function checkMergeFields(ctx: Context, object: string | null, texts: Record<string, string | undefined>): Promise<FieldIssue[]> {
  const known = new Set(await availableMergeFields(ctx.db, ctx.workspaceId, object));
  const issues: FieldIssue[] = [];
  for (const [field, text] of Object.entries(texts)) {
    if (text === undefined) continue;
    for (const path of new Set(mergeFieldsOf(text))) {
      if (!known.has(path)) issues.push({ field, code: 'unknown_merge_field', message: translate(ctx.locale, 'automation.email_template.unknown_merge_field', { field, merge: `{{${path}}}` }) });
    }
  }
  return issues;
}

export type MergeValues = Record<string, unknown>;

/** The values merge fields resolve to: `record.*` from the record, `owner.*` from its owner's account. */
export async function mergeValuesFor(db: Queryable, record: { values: Record<string, unknown> } | null, recipient: string | null): Promise<MergeValues> {
  const values: MergeValues = { 'recipient.email': recipient };
  if (!record) return values;
  for (const [key, value] of Object.entries(record.values)) values[`record.${key}`] = value;
  const owner = await loadRecordOwner(db, record.values);
  if (owner) for (const f of PERSON_FIELDS) values[`owner.${f}`] = owner[f];
  return values;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

function display(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(display).join(', ');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Replaces merge fields; in HTML every value is escaped, so a record's text never becomes markup. */
export function renderMerge(text: string, values: MergeValues, options: { html: boolean }): string {
  return text.replace(MERGE_FIELD, (_m, path: string) => {
    const shown = display(values[path]);
    return options.html ? escapeHtml(shown) : shown;
  });
}

/** The plain-text part of an HTML mail. */
export function htmlToText(html: string): string {
  return html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|h[1-6]|li|tr)>/gi, '\n').replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n').trim();
}

/** Users by id: names and emails, for recipients and summaries. */
export async function usersById(db: Queryable, ids: string[]): Promise<Map<string, { name: string; email: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: schema.users.id, name: schema.users.name, email: schema.users.email }).from(schema.users).where(inArray(schema.users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email }]));
}
