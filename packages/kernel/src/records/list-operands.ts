import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { CustomFieldDef } from '../custom-fields/types';
import type { ListSpec } from './list-query';
import { isUuid } from '../ids';

/** How a list field behaves in filters and sorts. */
export type ListFieldKind = 'text' | 'number' | 'date' | 'datetime' | 'boolean' | 'uuid' | 'text_array' | 'json_array';

/**
 * A built-in field a list may filter and sort on: a column of the table, or an SQL expression
 * over the row (a flag derived from related rows, a computed number), which is never null
 * unless it says so.
 */
export type ListField = {
  kind: Exclude<ListFieldKind, 'json_array'>;
  sortable?: boolean;
} & ({ column: PgColumn; expr?: never } | { expr: SQL; column?: never; notNull?: boolean });

/** A filterable, sortable expression: a built-in column or a custom field in the `custom` jsonb. */
export interface Operand {
  name: string;
  expr: SQL;
  kind: ListFieldKind;
  /** SQL type that parameters are cast to before comparing. */
  cast: 'text' | 'numeric' | 'date' | 'timestamptz' | 'boolean' | 'uuid';
  sortable: boolean;
  notNull: boolean;
  /** Custom field key, when it is one: lets equality use the GIN index on `custom`. */
  customKey?: string;
  /** The JSON type of a custom value, for containment queries. */
  jsonType?: 'string' | 'number' | 'boolean';
}

export const OPERATORS_BY_KIND: Record<ListFieldKind, readonly string[]> = {
  text: ['eq', 'neq', 'in', 'contains', 'starts_with', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'],
  number: ['eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'],
  date: ['eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'],
  datetime: ['eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'],
  boolean: ['eq', 'neq', 'is_empty', 'is_not_empty'],
  uuid: ['eq', 'neq', 'in', 'is_empty', 'is_not_empty'],
  text_array: ['contains', 'in', 'is_empty', 'is_not_empty'],
  json_array: ['contains', 'in', 'is_empty', 'is_not_empty'],
};

const CAST_BY_KIND: Record<ListFieldKind, Operand['cast']> = { text: 'text', number: 'numeric', date: 'date', datetime: 'timestamptz', boolean: 'boolean', uuid: 'uuid', text_array: 'text', json_array: 'text' };

export function builtInOperand(name: string, field: ListField): Operand {
  const isArray = field.kind === 'text_array';
  const expr = field.expr ?? sql`${field.column}`;
  const notNull = field.expr ? (field.notNull ?? true) : field.column.notNull;
  return { name, expr, kind: field.kind, cast: CAST_BY_KIND[field.kind], sortable: field.sortable ?? !isArray, notNull };
}

/** The expression of a custom field. The key is safe to inline: keys match /^[a-z][a-z0-9_]{0,39}$/. */
export function customOperand(custom: PgColumn, def: CustomFieldDef): Operand {
  const key = sql.raw(`'${def.key}'`);
  const text = sql`(${custom}->>${key})`;
  const base = { name: `custom.${def.key}`, sortable: true, notNull: false, customKey: def.key };
  switch (def.type) {
    case 'number':
      return { ...base, expr: sql`(${text})::numeric`, kind: 'number', cast: 'numeric', jsonType: 'number' };
    case 'currency':
      return { ...base, expr: sql`((${custom}->${key}->>'amount')::bigint)`, kind: 'number', cast: 'numeric' };
    case 'date':
      return { ...base, expr: sql`(${text})::date`, kind: 'date', cast: 'date', jsonType: 'string' };
    case 'datetime':
      return { ...base, expr: sql`(${text})::timestamptz`, kind: 'datetime', cast: 'timestamptz' };
    case 'boolean':
      return { ...base, expr: sql`(${text})::boolean`, kind: 'boolean', cast: 'boolean', jsonType: 'boolean' };
    case 'multi_select':
      return { ...base, expr: sql`(${custom}->${key})`, kind: 'json_array', cast: 'text', sortable: false };
    case 'user':
    case 'record_link':
      // Stored as text inside jsonb, so compared as text; the value is still checked to be a uuid.
      return { ...base, expr: text, kind: 'uuid', cast: 'text', jsonType: 'string' };
    default:
      return { ...base, expr: text, kind: 'text', cast: 'text', jsonType: 'string' };
  }
}

const DATETIME_RE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/** Checks a value given for an operand (from a filter or a cursor); returns it or undefined. */
export function parseOperandValue(kind: ListFieldKind, value: string): string | undefined {
  if (value.length > 1000) return undefined;
  switch (kind) {
    case 'number':
      return /^-?\d{1,30}(\.\d{1,20})?$/.test(value) ? value : undefined;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
    case 'datetime': {
      if (!DATETIME_RE.test(value)) return undefined;
      const normalized = value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
      return Number.isNaN(Date.parse(normalized)) ? undefined : value;
    }
    case 'boolean':
      return value === 'true' || value === 'false' ? value : undefined;
    case 'uuid':
      return isUuid(value) ? value : undefined;
    default:
      return value;
  }
}

export const typed = (operand: Operand, value: string): SQL => sql`${value}::${sql.raw(operand.cast)}`;

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Every filterable operand of an object: its built-in fields, then `custom.<key>` for each custom field. */
export function operandsFor(spec: ListSpec, defs: CustomFieldDef[]): Map<string, Operand> {
  const operands = new Map<string, Operand>();
  for (const [name, field] of Object.entries(spec.fields)) operands.set(name, builtInOperand(name, field));
  if (spec.custom) for (const def of defs) operands.set(`custom.${def.key}`, customOperand(spec.custom, def));
  return operands;
}
