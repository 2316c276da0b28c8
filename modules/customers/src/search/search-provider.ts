import type { TSearchResult } from '@voyage/contracts';
import type { Context } from '@voyage/kernel';
import type { ParsedSearchQuery } from './parse-search-query';

/**
 * One searchable record type. A provider finds records of its object within the actor's data
 * scope (scopedWhere), best first, and builds titles from field-secured values only.
 */
export interface SearchProvider {
  type: string;
  /** The permission object: the actor needs `read` on it (and the API-key scope) to search it. */
  object: string;
  search(ctx: Context, query: ParsedSearchQuery, limit: number): Promise<TSearchResult[]>;
}

/** Parts of a subtitle, joined the way result lists show them. */
export function joinSubtitle(parts: unknown[]): string | null {
  const shown = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return shown.length ? shown.join(' · ') : null;
}
