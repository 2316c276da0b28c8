import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchSession, type SessionInfo } from '../api/auth';
import { queryClient } from './query-client';

export const SESSION_KEY = ['session'] as const;

export function loadSession(): Promise<SessionInfo | null> {
  return queryClient.fetchQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });
}

/** The signed-in session; only used below the authenticated layout, where it is loaded. */
export function useSession(): SessionInfo {
  const { data } = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });
  if (!data) throw new Error('useSession outside an authenticated route');
  return data;
}

export function useRefreshSession(): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: SESSION_KEY });
}

/** Admins hold every capability; others hold those their role lists. */
export function hasCapability(session: SessionInfo, capability: string): boolean {
  return Boolean(session.role && (session.role.isAdmin || session.role.capabilities.includes(capability)));
}

export function canAccess(session: SessionInfo, object: string, action: 'create' | 'read' | 'update' | 'delete' | 'export'): boolean {
  const role = session.role;
  if (!role) return false;
  return role.isAdmin || Boolean(role.permissions[object]?.[action]);
}
