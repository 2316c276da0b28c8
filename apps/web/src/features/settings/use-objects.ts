import { useQuery } from '@tanstack/react-query';
import { rolesApi } from '../../api/platform';

export const CATALOG_KEY = ['permission-catalog'] as const;

/** The objects modules register (contact, account, …), with their labels, from the permission catalog. */
export function usePermissionCatalog() {
  return useQuery({ queryKey: CATALOG_KEY, queryFn: rolesApi.catalog, staleTime: 5 * 60_000 });
}
