import type { Context, SearchHit, SearchProvider } from '@voyage/kernel';
import { parseSearchQuery, type ParsedSearchQuery } from './parse-search-query';

/**
 * A kernel search provider for a customers object: it parses the query once (name grams, email
 * prefix, phone digits) and searches within the actor's data scope, building titles from
 * field-secured values only.
 */
export function customerSearchProvider(type: string, object: string, search: (ctx: Context, query: ParsedSearchQuery, limit: number) => Promise<SearchHit[]>): SearchProvider {
  return { type, object, search: (ctx, q, limit) => search(ctx, parseSearchQuery(q), limit) };
}

/** Parts of a subtitle, joined the way result lists show them. */
export function joinSubtitle(parts: unknown[]): string | null {
  const shown = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return shown.length ? shown.join(' · ') : null;
}
