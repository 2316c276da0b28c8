import type { TListView, TListViewState } from '@voyage/contracts';
import type { ListViewRow } from './list-view-access';

/** A stored view as the API answers it; `editable` tells the switcher whether to offer rename and delete. */
export function listViewWire(row: ListViewRow, actorUserId: string, ownerName: string | null): TListView {
  const state = row.state as Partial<TListViewState>;
  return {
    id: row.id,
    object: row.object as TListView['object'],
    name: row.name,
    ownerId: row.ownerId,
    ownerName,
    shared: row.shared,
    state: { filters: state.filters ?? [], sort: state.sort, columns: state.columns, q: state.q },
    position: row.position,
    version: row.version,
    editable: row.ownerId === actorUserId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
