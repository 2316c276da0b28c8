import type { TListViewState } from '@voyage/contracts';

/** Drops repeated columns and an empty search, so equal views store equal states. */
export function normalizeViewState(state: TListViewState): TListViewState {
  const q = state.q?.trim();
  return {
    filters: state.filters,
    ...(state.sort ? { sort: state.sort } : {}),
    ...(state.columns ? { columns: [...new Set(state.columns)] } : {}),
    ...(q ? { q } : {}),
  };
}
