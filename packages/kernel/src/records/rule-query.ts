import { and, not, or, sql, type SQL } from 'drizzle-orm';
import { validationError, type FieldIssue } from '../errors';
import { translate } from '../i18n/translate';
import { filterCondition, type ListQueryOptions, type ListSpec } from './list-query';
import { operandsFor, OPERATORS_BY_KIND, type ListFieldKind, type Operand } from './list-operands';

export type RuleValue = string | number | boolean | string[] | null;
export interface RuleCondition { field: string; operator: string; value?: RuleValue }
export interface RuleGroup { op: 'and' | 'or'; rules: Array<RuleCondition | RuleGroup> }

const SET_OPERATORS = ['has_any', 'has_all', 'has_none'];
const RELATIVE_OPERATORS = ['within_last_days', 'more_than_days_ago'];

/** List operators plus the set and relative-date ones saved rules need. */
export const RULE_OPERATORS_BY_KIND: Record<ListFieldKind, readonly string[]> = {
  ...OPERATORS_BY_KIND,
  date: [...OPERATORS_BY_KIND.date, ...RELATIVE_OPERATORS],
  datetime: [...OPERATORS_BY_KIND.datetime, ...RELATIVE_OPERATORS],
  text_array: [...OPERATORS_BY_KIND.text_array, ...SET_OPERATORS],
  json_array: [...OPERATORS_BY_KIND.json_array, ...SET_OPERATORS],
};

export const MAX_RULE_DEPTH = 5;
export const MAX_RULE_CONDITIONS = 100;

export interface RuleQueryOptions extends Pick<ListQueryOptions, 'defs' | 'locale' | 'actor' | 'object'> {
  /** Where the root group's `rules` sit in the request, for error paths: `rules` → `rules.1.rules.0.field`. */
  path?: string;
  /** What messages call the rule at a path ("Rule 2"); without it, the path itself. */
  label?: (path: string) => string;
}

/**
 * Compiles a nested AND/OR rule group into one WHERE condition over the same operands and
 * typed comparisons as list filters. Every problem is a 400 naming its path. The value `me`
 * of a uuid field means the actor. Hidden and masked fields of the actor are refused.
 */
export function compileRuleGroup(spec: ListSpec, group: RuleGroup, options: RuleQueryOptions): SQL {
  const issues: FieldIssue[] = [];
  const issue = (field: string, code: string, key: string, params: Record<string, string | number> = {}) =>
    issues.push({ field, code, message: translate(options.locale, key, { field: options.label?.(field) ?? field, ...params }) });
  const operands = operandsFor(spec, options.defs);
  const fieldRules = options.actor && !options.actor.role.isAdmin && options.object ? options.actor.role.fieldRules[options.object] ?? {} : {};
  let conditions = 0;

  const compileGroup = (g: RuleGroup, path: string, depth: number): SQL => {
    if (depth > MAX_RULE_DEPTH) { issue(path, 'too_deep', 'field.too_big', { max: MAX_RULE_DEPTH }); return sql`false`; }
    const parts = g.rules.map((rule, i) => ('rules' in rule ? compileGroup(rule, `${path}.${i}.rules`, depth + 1) : compileCondition(rule, `${path}.${i}`)));
    if (parts.length === 0) return sql`true`;
    return (g.op === 'or' ? or(...parts) : and(...parts))!;
  };

  const compileCondition = (rule: RuleCondition, path: string): SQL => {
    conditions += 1;
    if (conditions === MAX_RULE_CONDITIONS + 1) issue(path, 'too_many', 'field.too_big', { max: MAX_RULE_CONDITIONS });
    const operand = operands.get(rule.field);
    if (!operand) { issue(`${path}.field`, 'unknown', 'field.unknown_named', { name: rule.field }); return sql`false`; }
    if (fieldRules[rule.field] === 'hidden' || fieldRules[rule.field] === 'masked') { issue(`${path}.field`, 'not_allowed', 'field.not_allowed'); return sql`false`; }
    const op = rule.operator;
    if (!RULE_OPERATORS_BY_KIND[operand.kind].includes(op)) { issue(`${path}.operator`, 'unknown_operator', 'field.unknown_operator', { operator: op }); return sql`false`; }
    const condition = ruleCondition(operand, op, rule.value, spec, options);
    if (!condition) { issue(`${path}.value`, 'invalid', 'field.invalid'); return sql`false`; }
    return condition;
  };

  const compiled = compileGroup(group, options.path ?? 'rules', 1);
  if (issues.length) throw validationError(issues);
  return compiled;
}

function ruleCondition(operand: Operand, op: string, value: RuleValue | undefined, spec: ListSpec, options: RuleQueryOptions): SQL | undefined {
  const { expr, kind } = operand;
  if (op === 'is_empty' || op === 'is_not_empty') return filterCondition(operand, op, '', spec.custom);
  if (SET_OPERATORS.includes(op)) {
    const list = Array.isArray(value) ? value.filter((v) => typeof v === 'string' && v.length > 0) : [];
    if (list.length === 0 || list.length > 100 || list.length !== (value as unknown[]).length) return undefined;
    const array = sql`array[${sql.join(list.map((v) => sql`${v}`), sql`, `)}]::text[]`;
    if (kind === 'text_array') {
      if (op === 'has_all') return sql`${expr} @> ${array}`;
      const any = sql`${expr} && ${array}`;
      return op === 'has_any' ? any : not(any);
    }
    if (op === 'has_all') return sql`coalesce(jsonb_exists_all(${expr}, ${array}), false)`;
    const any = sql`coalesce(jsonb_exists_any(${expr}, ${array}), false)`;
    return op === 'has_any' ? any : not(any);
  }
  if (RELATIVE_OPERATORS.includes(op)) {
    const days = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(days) || days < 0 || days > 36500) return undefined;
    // Dates compare with calendar days; timestamps with the exact instant N days ago.
    const boundary = kind === 'date' ? sql`(current_date - ${days}::int)` : sql`(now() - make_interval(days => ${days}::int))`;
    return op === 'within_last_days' ? sql`${expr} >= ${boundary}` : sql`${expr} < ${boundary}`;
  }
  const me = (v: unknown) => (v === 'me' && kind === 'uuid' && options.actor ? options.actor.userId : v);
  let text: string;
  if (Array.isArray(value)) {
    if (op !== 'in' && op !== 'between') return undefined;
    if (value.some((v) => typeof v !== 'string' || v.includes(','))) return undefined;
    text = value.map(me).join(',');
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    text = String(me(value));
  } else {
    return undefined;
  }
  if (text.trim() === '') return undefined;
  return filterCondition(operand, op, text, spec.custom);
}
