import { and, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../context';
import type { CustomFieldDef } from '../custom-fields/types';
import { validationError, type FieldIssue } from '../errors';
import type { Locale } from '../i18n/locales';
import { translate } from '../i18n/translate';
import '../custom-fields/messages';
import { builtInOperand, operandsFor, escapeLike, OPERATORS_BY_KIND, parseOperandValue, typed, type ListField, type Operand } from './list-operands';

export type { ListField } from './list-operands';

/** What a list endpoint exposes: its built-in fields (by API name), the id and the custom column. */
export interface ListSpec {
  fields: Record<string, ListField>;
  id: PgColumn;
  custom?: PgColumn;
  /** e.g. `-updatedAt` */
  defaultSort: string;
}

export interface ListQueryOptions {
  defs: CustomFieldDef[];
  locale: Locale;
  /** Hidden and masked fields of this actor may not be filtered or sorted on. */
  actor?: Actor;
  object?: string;
  /** Extra query parameters the endpoint understands besides the list conventions. */
  allowedParams?: string[];
}

export interface ListPlan {
  where: SQL | undefined;
  orderBy: SQL[];
  limit: number;
  /** Add to the select: the sort values as exact text, read back into the next cursor. */
  cursorColumns: Record<string, SQL<string | null>>;
  /** The page of rows (without the cursor columns) and the cursor of the next page. */
  page<T extends Record<string, unknown>>(rows: T[]): { rows: T[]; nextCursor: string | null };
  /** Applies the sparse fieldset (`fields=`) to an output record. */
  pick(record: Record<string, unknown>): Record<string, unknown>;
}

const LIST_PARAMS = new Set(['sort', 'limit', 'cursor', 'fields', 'trash', 'lang']);
const FILTER_RE = /^filter\[([^\]]+)\](?:\[([^\]]+)\])?$/;
const MAX_SORT_TERMS = 5;

/** Builds the filter, sort, keyset cursor, limit and sparse fieldset of a list query (ARCHITECTURE §5). */
export function buildListQuery(spec: ListSpec, query: Record<string, unknown>, options: ListQueryOptions): ListPlan {
  const issues: FieldIssue[] = [];
  const issue = (field: string, code: string, key: string, params: Record<string, string | number> = {}) =>
    issues.push({ field, code, message: translate(options.locale, key, { field, ...params }) });
  const operands = operandsFor(spec, options.defs);
  const rules = options.actor && !options.actor.role.isAdmin && options.object ? options.actor.role.fieldRules[options.object] ?? {} : {};
  const restricted = (name: string) => rules[name] === 'hidden' || rules[name] === 'masked';
  const allowed = new Set([...LIST_PARAMS, ...(options.allowedParams ?? [])]);

  const conditions: SQL[] = [];
  for (const [param, raw] of Object.entries(query)) {
    if (raw === undefined) continue;
    const match = FILTER_RE.exec(param);
    if (!match) {
      if (!allowed.has(param)) issue(`query.${param}`, 'unknown', 'field.unknown');
      continue;
    }
    const [, name, op = 'eq'] = match;
    const operand = operands.get(name);
    if (!operand) { issue(param, 'unknown', 'field.unknown'); continue; }
    if (restricted(name)) { issue(param, 'not_allowed', 'field.not_allowed'); continue; }
    if (!OPERATORS_BY_KIND[operand.kind].includes(op)) { issue(param, 'unknown_operator', 'field.unknown_operator', { operator: op }); continue; }
    const text = Array.isArray(raw) ? raw.join(',') : String(raw);
    const condition = filterCondition(operand, op, text, spec.custom);
    if (condition) conditions.push(condition);
    else issue(param, 'invalid', 'field.invalid');
  }

  const sortText = typeof query.sort === 'string' && query.sort.trim() ? query.sort : spec.defaultSort;
  const terms: Array<{ operand: Operand; desc: boolean }> = [];
  for (const part of sortText.split(',').map((s) => s.trim()).filter(Boolean).slice(0, MAX_SORT_TERMS)) {
    const desc = part.startsWith('-');
    const name = desc ? part.slice(1) : part;
    const operand = name === 'id' ? builtInOperand('id', { column: spec.id, kind: 'uuid' }) : operands.get(name);
    if (!operand) { issue('sort', 'unknown', 'field.unknown_named', { name }); continue; }
    if (!operand.sortable || restricted(name)) { issue('sort', 'not_sortable', 'field.not_sortable'); continue; }
    if (!terms.some((t) => t.operand.name === name)) terms.push({ operand, desc });
  }
  if (terms.at(-1)?.operand.name !== 'id') terms.push({ operand: builtInOperand('id', { column: spec.id, kind: 'uuid' }), desc: false });
  const sortKey = terms.map((t) => `${t.desc ? '-' : ''}${t.operand.name}`).join(',');

  const limit = query.limit === undefined ? 50 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) issue('limit', 'invalid', 'field.too_big', { max: 200 });

  if (typeof query.cursor === 'string' && query.cursor) {
    const values = decodeCursor(query.cursor, sortKey);
    const valid = values && values.length === terms.length && values.every((v, i) => v === null || (typeof v === 'string' && parseOperandValue(terms[i].operand.kind, v) !== undefined));
    if (!valid) issue('cursor', 'invalid_cursor', 'field.invalid_cursor');
    else conditions.push(afterCursor(terms, values as Array<string | null>));
  }

  let fields: string[] | undefined;
  if (typeof query.fields === 'string' && query.fields.trim()) {
    fields = query.fields.split(',').map((f) => f.trim()).filter(Boolean);
    const known = new Set(['id', ...Object.keys(spec.fields), ...(spec.custom ? ['custom'] : []), ...options.defs.map((d) => `custom.${d.key}`)]);
    for (const f of fields) if (!known.has(f)) issue('fields', 'unknown', 'field.unknown_named', { name: f });
  }

  if (issues.length) throw validationError(issues);

  const cursorColumns = Object.fromEntries(terms.map((t, i) => [`__k${i}`, sql<string | null>`(${t.operand.expr})::text`]));
  return {
    where: conditions.length ? and(...conditions) : undefined,
    orderBy: terms.map((t) => sql`${t.operand.expr} ${sql.raw(t.desc ? 'desc' : 'asc')} nulls last`),
    limit,
    cursorColumns,
    page(rows) {
      const strip = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([k]) => !k.startsWith('__k')));
      const more = rows.length > limit;
      const pageRows = rows.slice(0, limit);
      const last = pageRows.at(-1);
      const nextCursor = more && last ? encodeCursor(sortKey, terms.map((_, i) => (last[`__k${i}`] as string | null) ?? null)) : null;
      return { rows: pageRows.map(strip) as typeof rows, nextCursor };
    },
    pick(record) {
      if (!fields) return record;
      const out: Record<string, unknown> = { id: record.id };
      for (const f of fields) {
        if (f.startsWith('custom.')) {
          const custom = (record.custom ?? {}) as Record<string, unknown>;
          const key = f.slice(7);
          if (key in custom) out.custom = { ...((out.custom as object) ?? {}), [key]: custom[key] };
        } else if (f in record) out[f] = record[f];
      }
      return out;
    },
  };
}

export function filterCondition(operand: Operand, op: string, text: string, custom?: PgColumn): SQL | undefined {
  const { expr, kind } = operand;
  if (op === 'is_empty' || op === 'is_not_empty') {
    const empty = kind === 'text' ? sql`(${expr} is null or ${expr} = '')`
      : kind === 'text_array' ? sql`(${expr} is null or cardinality(${expr}) = 0)`
      : kind === 'json_array' ? sql`(coalesce(${expr}, 'null'::jsonb) in ('null'::jsonb, '[]'::jsonb))`
      : sql`(${expr} is null)`;
    return op === 'is_empty' ? empty : sql`not ${empty}`;
  }
  const list = op === 'in' || op === 'between' ? text.split(',').map((v) => v.trim()).filter(Boolean) : [text];
  if (list.length === 0 || list.length > 100 || (op === 'between' && list.length !== 2)) return undefined;
  if (kind === 'text_array' || kind === 'json_array') {
    if (kind === 'text_array') return op === 'contains' ? sql`${expr} @> array[${list[0]}]::text[]` : sql`${expr} && array[${sql.join(list.map((v) => sql`${v}`), sql`, `)}]::text[]`;
    if (op === 'contains' && custom) return sql`${custom} @> ${JSON.stringify({ [operand.customKey as string]: [list[0]] })}::jsonb`;
    return sql`jsonb_exists_any(${expr}, array[${sql.join(list.map((v) => sql`${v}`), sql`, `)}]::text[])`;
  }
  if (op === 'contains' || op === 'starts_with') {
    const pattern = op === 'contains' ? `%${escapeLike(text)}%` : `${escapeLike(text)}%`;
    return sql`${expr} ilike ${pattern}`;
  }
  const values = list.map((v) => parseOperandValue(kind, v));
  if (values.some((v) => v === undefined)) return undefined;
  const [a, b] = values as string[];
  switch (op) {
    case 'eq':
      // Containment on the whole column can use the GIN index on `custom`.
      if (operand.customKey && operand.jsonType && custom) {
        const json = operand.jsonType === 'number' ? Number(a) : operand.jsonType === 'boolean' ? a === 'true' : a;
        return sql`${custom} @> ${JSON.stringify({ [operand.customKey]: json })}::jsonb`;
      }
      return sql`${expr} = ${typed(operand, a)}`;
    case 'neq':
      return sql`(${expr} is null or ${expr} <> ${typed(operand, a)})`;
    case 'in':
      return sql`${expr} in (${sql.join((values as string[]).map((v) => typed(operand, v)), sql`, `)})`;
    case 'gt':
      return sql`${expr} > ${typed(operand, a)}`;
    case 'gte':
      return sql`${expr} >= ${typed(operand, a)}`;
    case 'lt':
      return sql`${expr} < ${typed(operand, a)}`;
    case 'lte':
      return sql`${expr} <= ${typed(operand, a)}`;
    case 'between':
      return sql`${expr} between ${typed(operand, a)} and ${typed(operand, b)}`;
    default:
      return undefined;
  }
}

/**
 * Rows strictly after the cursor in the order `terms` (all NULLS LAST):
 * (k1 after v1) or (k1 = v1 and k2 after v2) or … ; ties end on the id, which is unique.
 */
function afterCursor(terms: Array<{ operand: Operand; desc: boolean }>, values: Array<string | null>): SQL {
  const branches: SQL[] = [];
  const equalities: SQL[] = [];
  terms.forEach(({ operand, desc }, i) => {
    const v = values[i];
    if (v !== null) {
      const beyond = desc ? sql`${operand.expr} < ${typed(operand, v)}` : sql`${operand.expr} > ${typed(operand, v)}`;
      const after = operand.notNull ? beyond : sql`(${beyond} or ${operand.expr} is null)`;
      branches.push(equalities.length ? and(...equalities, after)! : after);
    }
    equalities.push(v === null ? sql`${operand.expr} is null` : sql`${operand.expr} = ${typed(operand, v)}`);
  });
  if (!branches.length) return sql`false`;
  // The same rows, plus a bound on the first sort key the index can seek to: without it a
  // deep page re-reads every row before it (80,000 rows deep: 526 ms → under 1 ms).
  const [{ operand: first, desc }] = terms;
  const v0 = values[0];
  let bound: SQL;
  if (v0 === null) bound = sql`${first.expr} is null`;
  else {
    const within = desc ? sql`${first.expr} <= ${typed(first, v0)}` : sql`${first.expr} >= ${typed(first, v0)}`;
    bound = first.notNull ? within : sql`(${within} or ${first.expr} is null)`;
  }
  return and(bound, or(...branches))!;
}

function encodeCursor(sortKey: string, values: Array<string | null>): string {
  return Buffer.from(JSON.stringify({ s: sortKey, v: values })).toString('base64url');
}

function decodeCursor(cursor: string, sortKey: string): unknown[] | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; v?: unknown };
    return parsed.s === sortKey && Array.isArray(parsed.v) ? parsed.v : undefined;
  } catch {
    return undefined;
  }
}
