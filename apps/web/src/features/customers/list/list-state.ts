import type { TListOperator, TListViewFilter, TListViewState } from '@voyage/contracts';
import type { Query } from '../../../api/client';

export type ListFilter = TListViewFilter;

/** What the list shows: the filters (all must match), sort, visible columns in order, and the name search. */
export interface ListState {
  filters: ListFilter[];
  sort: string;
  /** Columns after the name; null means the object's default columns. */
  columns: string[] | null;
  q: string;
}

export const DEFAULT_SORT = '-updatedAt';
export const EMPTY_STATE: ListState = { filters: [], sort: DEFAULT_SORT, columns: null, q: '' };

const NO_VALUE_OPS = new Set<TListOperator>(['is_empty', 'is_not_empty']);

/** A condition the list can run: no-value operators, or a value that is filled in (both ends for `between`). */
export function isComplete(filter: ListFilter): boolean {
  if (NO_VALUE_OPS.has(filter.op)) return true;
  const v = filter.value;
  if (Array.isArray(v)) return filter.op === 'between' ? v.length === 2 && v.every((x) => x !== '') : v.length > 0;
  return v !== null && v !== undefined && v !== '';
}

/** `filter[field][op]=value` parameters of the list API; `me` becomes the signed-in user. */
export function filterParams(filters: ListFilter[], userId: string): Record<string, string> {
  const me = (v: string) => (v === 'me' ? userId : v);
  const out: Record<string, string> = {};
  for (const f of filters.filter(isComplete)) {
    const v = f.value;
    out[`filter[${f.field}][${f.op}]`] = NO_VALUE_OPS.has(f.op) ? 'true' : Array.isArray(v) ? v.map(me).join(',') : me(String(v));
  }
  return out;
}

/** The list query of a state (without cursor and limit). */
export function listQuery(state: ListState, userId: string): Record<string, string | undefined> {
  const q = state.q.trim();
  return { ...filterParams(state.filters, userId), 'filter[name][contains]': q || undefined, sort: state.sort };
}

/** The state a saved view restores. */
export function fromViewState(state: TListViewState): ListState {
  return { filters: state.filters ?? [], sort: state.sort || DEFAULT_SORT, columns: state.columns ?? null, q: state.q ?? '' };
}

/** The state saved into a view: complete filters only. */
export function toViewState(state: ListState): TListViewState {
  return {
    filters: state.filters.filter(isComplete),
    sort: state.sort,
    ...(state.columns ? { columns: state.columns } : {}),
    ...(state.q.trim() ? { q: state.q.trim() } : {}),
  };
}

export function sameState(a: ListState, b: ListState): boolean {
  return JSON.stringify(toViewState(a)) === JSON.stringify(toViewState(b));
}

const FILTER_PARAM = /^filter\[([^\]]+)\]\[([a-z_]+)\]$/;

/**
 * Filters given in the page address, as the list API spells them:
 * `/contacts?filter[email][is_empty]=true&filter[ownerId][eq]=<id>`. Reports link here.
 */
export function filtersFromSearch(search: Record<string, unknown>): ListFilter[] {
  const out: ListFilter[] = [];
  for (const [key, raw] of Object.entries(search)) {
    const match = FILTER_PARAM.exec(key);
    if (!match) continue;
    const op = match[2] as TListOperator;
    const text = Array.isArray(raw) ? raw.map(String).join(',') : String(raw ?? '');
    const value = NO_VALUE_OPS.has(op) ? null : op === 'in' || op === 'between' ? text.split(',').map((v) => v.trim()).filter(Boolean) : text;
    out.push({ field: match[1], op, value });
  }
  return out;
}

/** Query of the list API without empty values. */
export function compactQuery(query: Record<string, string | undefined>): Query {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));
}
