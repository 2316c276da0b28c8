import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import type { Actor } from '../context';
import { users } from '../db/schema';
import { AppError } from '../errors';
import type { SessionUser } from './log-in';
import { listUserWorkspaces, type WorkspaceSummary } from './user-workspaces';

export interface SessionDescription {
  user: SessionUser & { totpEnabled: boolean };
  workspace: WorkspaceSummary | null;
  workspaces: WorkspaceSummary[];
  role: { id: string; name: string; isAdmin: boolean; capabilities: string[]; permissions: Actor['role']['permissions'] } | null;
}

/** Who is signed in, where, and with which role: what the web app needs to draw itself. */
export async function describeSession(db: Queryable, session: { userId: string; workspaceId: string | null; mfaPending: boolean }, actor: Actor | null): Promise<SessionDescription> {
  const rows = await db.select().from(users).where(eq(users.id, session.userId)).limit(1);
  const user = rows[0];
  if (!user) throw new AppError('unauthenticated');
  // While the second factor is pending, only the person's own name is shown, never a workspace's data.
  const workspaces = session.mfaPending ? [] : await listUserWorkspaces(db, user.id);
  const workspace = workspaces.find((w) => w.id === session.workspaceId) ?? null;
  const role = actor && workspace ? actor.role : null;
  return {
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale, theme: user.theme, totpEnabled: Boolean(user.totpEnabledAt) },
    workspace,
    workspaces,
    role: role ? { id: role.id, name: role.name, isAdmin: role.isAdmin, capabilities: role.capabilities, permissions: role.permissions } : null,
  };
}
