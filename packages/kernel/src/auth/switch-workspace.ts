import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { sessions, users } from '../db/schema';
import { AppError } from '../errors';
import { loadActor } from './load-actor';
import type { WorkspaceSummary } from './user-workspaces';
import { listUserWorkspaces } from './user-workspaces';

/** Moves a session to another workspace the user is an active member of; remembered for the next sign-in. */
export async function switchWorkspace(db: Queryable, session: { id: string; userId: string; mfaPending: boolean }, workspaceId: string): Promise<WorkspaceSummary> {
  if (session.mfaPending) throw new AppError('mfa_required');
  const workspace = (await listUserWorkspaces(db, session.userId)).find((w) => w.id === workspaceId);
  // A disabled role or membership is as good as none: 404, like a workspace that does not exist.
  if (!workspace || !(await loadActor(db, workspaceId, session.userId))) throw new AppError('not_found', { params: { what: 'workspace' } });
  await db.transaction(async (tx) => {
    await tx.update(sessions).set({ workspaceId }).where(eq(sessions.id, session.id));
    await tx.update(users).set({ lastWorkspaceId: workspaceId }).where(eq(users.id, session.userId));
  });
  return workspace;
}
