import type { TSearchResponse } from '@voyage/contracts';
import { AppError, can, hasScope, translate, type Context } from '@voyage/kernel';
import { parseSearchQuery } from './parse-search-query';
import { accountSearch } from './search-accounts';
import { contactSearch } from './search-contacts';
import type { SearchProvider } from './search-provider';

/** Providers in the order their groups are shown. */
export const SEARCH_PROVIDERS: SearchProvider[] = [contactSearch, accountSearch];

const DEFAULT_LIMIT = 10;

export interface SearchInput {
  q: string;
  /** Comma-separated types; all providers when absent. */
  types?: string;
  limit?: number;
}

/**
 * Global search: each provider the actor may read answers within its data scope. Types the
 * actor cannot read are left out silently, so one search box serves every role; asking only
 * for types the actor cannot read at all is refused.
 */
export async function runSearch(ctx: Context, input: SearchInput): Promise<TSearchResponse> {
  const wanted = input.types ? new Set(input.types.split(',')) : undefined;
  const unknown = [...(wanted ?? [])].filter((type) => !SEARCH_PROVIDERS.some((p) => p.type === type));
  if (unknown.length) throw new AppError('validation_failed', { details: { fields: [{ field: 'types', code: 'invalid', message: translate(ctx.locale, 'field.invalid', { field: 'types' }) }] } });
  const requested = SEARCH_PROVIDERS.filter((p) => !wanted || wanted.has(p.type));
  const readable = requested.filter((p) => can(ctx.actor, p.object, 'read') && hasScope(ctx.actor, `${p.object}:read`));
  if (requested.length && !readable.length) throw new AppError('forbidden', { params: { action: `${requested.map((p) => p.object).join(', ')}.read` } });
  const query = parseSearchQuery(input.q);
  const limit = input.limit ?? DEFAULT_LIMIT;
  // One after another: a request holds a single connection (and PGlite has only one).
  const groups: TSearchResponse['groups'] = [];
  for (const provider of readable) groups.push({ type: provider.type, results: await provider.search(ctx, query, limit) });
  return { groups };
}
