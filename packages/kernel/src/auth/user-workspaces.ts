import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { memberships, workspaces } from '../db/schema';

export interface WorkspaceSummary {
  id: string;
  name: string;
}

/** The workspaces a user is an active member of, oldest membership first. */
export async function listUserWorkspaces(db: Queryable, userId: string): Promise<WorkspaceSummary[]> {
  return db
    .select({ id: workspaces.id, name: workspaces.name })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, 'active')))
    .orderBy(asc(memberships.createdAt), asc(workspaces.name));
}

/** The workspace to work in: the requested one, else the last used, else the first membership. */
export function pickWorkspace(list: WorkspaceSummary[], requested: string | undefined, lastUsed: string | null): WorkspaceSummary | null | undefined {
  if (requested) return list.find((w) => w.id === requested);
  return list.find((w) => w.id === lastUsed) ?? list[0] ?? null;
}
