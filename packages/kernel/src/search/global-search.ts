import type { Context } from '../context';
import { AppError, validationError } from '../errors';
import { translate } from '../i18n/translate';
import { can, hasScope } from '../permissions/check';

/** One hit, as a result list shows it. Providers build subtitles from field-secured values only. */
export interface SearchHit {
  type: string;
  id: string;
  title: string;
  subtitle: string | null;
  ownerName: string | null;
}

/**
 * One searchable record type, contributed by a module (`ModuleDefinition.searchProviders`).
 * A provider finds records of its object within the actor's data scope (scopedWhere), best first.
 */
export interface SearchProvider {
  type: string;
  /** The permission object: the actor needs `read` on it (and the API-key scope) to search it. */
  object: string;
  search(ctx: Context, q: string, limit: number): Promise<SearchHit[]>;
}

export interface GlobalSearchInput {
  q: string;
  /** Comma-separated types; every provider when absent. */
  types?: string;
  limit?: number;
}

const DEFAULT_LIMIT = 10;

/**
 * Global search (P9) over the providers of the modules switched on in the workspace. Types the
 * actor cannot read are left out silently, so one search box serves every role; asking only for
 * types the actor cannot read at all is refused.
 */
export async function runGlobalSearch(ctx: Context, providers: SearchProvider[], input: GlobalSearchInput): Promise<{ groups: Array<{ type: string; results: SearchHit[] }> }> {
  const wanted = input.types ? new Set(input.types.split(',')) : undefined;
  const unknown = [...(wanted ?? [])].filter((type) => !providers.some((p) => p.type === type));
  if (unknown.length) throw validationError([{ field: 'query.types', code: 'invalid', message: translate(ctx.locale, 'field.invalid', { field: 'query.types' }) }]);
  const requested = providers.filter((p) => !wanted || wanted.has(p.type));
  const readable = requested.filter((p) => can(ctx.actor, p.object, 'read') && hasScope(ctx.actor, `${p.object}:read`));
  if (requested.length && !readable.length) throw new AppError('forbidden', { params: { action: `${requested.map((p) => p.object).join(', ')}.read` } });
  const limit = input.limit ?? DEFAULT_LIMIT;
  // One provider after another: a request holds a single connection (and PGlite has only one).
  const groups: Array<{ type: string; results: SearchHit[] }> = [];
  for (const provider of readable) groups.push({ type: provider.type, results: await provider.search(ctx, input.q, limit) });
  return { groups };
}
