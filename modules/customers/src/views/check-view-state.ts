import { filterCondition, loadCustomFieldDefs, OPERATORS_BY_KIND, operandsFor, translate, validationError, type Context, type FieldIssue } from '@voyage/kernel';
import type { TListViewFilter, TListViewState } from '@voyage/contracts';
import type { RecordKind } from '../record-kinds';

/** The text a filter sends as `filter[field][op]=…`; `me` stands for the user of the view. */
export function filterValueText(filter: TListViewFilter, userId: string): string {
  const me = (v: string) => (v === 'me' ? userId : v);
  const value = filter.value;
  if (Array.isArray(value)) return value.map(me).join(',');
  if (value === null || value === undefined) return '';
  return me(String(value));
}

/**
 * Checks a view's state against the list it belongs to, as the list endpoint would: known
 * fields, operators of their type, valid values, sortable sort terms, known columns. Fields the
 * actor may not see (hidden or masked) cannot be filtered or sorted on. Every problem is named
 * by its path (`state.filters.2.value`).
 */
export async function checkViewState(ctx: Context, kind: RecordKind, state: TListViewState): Promise<void> {
  const issues: FieldIssue[] = [];
  const issue = (field: string, code: string, key: string, params: Record<string, string> = {}) =>
    issues.push({ field, code, message: translate(ctx.locale, key, { field, ...params }) });
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, kind.object);
  const operands = operandsFor(kind.list, defs);
  const rules = ctx.actor.role.isAdmin ? {} : ctx.actor.role.fieldRules[kind.object] ?? {};
  const restricted = (name: string) => rules[name] === 'hidden' || rules[name] === 'masked';

  state.filters.forEach((filter, i) => {
    const path = `state.filters.${i}`;
    const operand = operands.get(filter.field);
    if (!operand) return issue(`${path}.field`, 'unknown', 'field.unknown_named', { name: filter.field });
    if (restricted(filter.field)) return issue(`${path}.field`, 'not_allowed', 'field.not_allowed');
    if (!OPERATORS_BY_KIND[operand.kind].includes(filter.op)) return issue(`${path}.op`, 'unknown_operator', 'field.unknown_operator', { operator: filter.op });
    if (!filterCondition(operand, filter.op, filterValueText(filter, ctx.actor.userId), kind.list.custom)) issue(`${path}.value`, 'invalid', 'field.invalid');
  });

  for (const term of (state.sort ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const name = term.startsWith('-') ? term.slice(1) : term;
    if (name === 'id') continue;
    const operand = operands.get(name);
    if (!operand) issue('state.sort', 'unknown', 'field.unknown_named', { name });
    else if (!operand.sortable || restricted(name)) issue('state.sort', 'not_sortable', 'field.not_sortable');
  }

  const columns = new Set([...Object.keys(kind.list.fields), ...defs.map((d) => `custom.${d.key}`)]);
  (state.columns ?? []).forEach((column, i) => {
    if (!columns.has(column)) issue(`state.columns.${i}`, 'unknown', 'field.unknown_named', { name: column });
  });

  if (issues.length) throw validationError(issues);
}
