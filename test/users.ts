import { createSession, createWorkspace, hashPassword, newId, schema, type Database } from '@voyage/kernel';
import type { TestApp } from './app';

export interface SignedIn {
  userId: string;
  workspaceId: string;
  /** Headers for app.inject: the signed session cookie and the CSRF token. */
  headers: Record<string, string>;
}

/** A workspace with its admin. Tests of the login flow itself go through /api/v1/auth/login. */
export async function createWorkspaceWithAdmin(database: Database, opts: { name?: string; email?: string; password?: string; objects?: string[] } = {}) {
  return createWorkspace(database, {
    name: opts.name ?? 'Test Co',
    locale: 'en',
    objects: opts.objects,
    admin: { email: opts.email ?? `admin-${newId().slice(-8)}@example.com`, name: 'Admin', password: opts.password ?? 'correct horse battery' },
  });
}

/** Adds a member with a role (by key) to a workspace. */
export async function addMember(database: Database, workspaceId: string, roleId: string, opts: { name?: string; email?: string; password?: string; departmentId?: string | null; supervisorId?: string | null } = {}): Promise<string> {
  const userId = newId();
  await database.db.insert(schema.users).values({ id: userId, email: opts.email ?? `user-${userId.slice(-8)}@example.com`, name: opts.name ?? 'Member', passwordHash: await hashPassword(opts.password ?? 'correct horse battery') });
  await database.db.insert(schema.memberships).values({ workspaceId, userId, roleId, departmentId: opts.departmentId ?? null, supervisorId: opts.supervisorId ?? null });
  return userId;
}

/** Signs a user in by creating a session directly. */
export async function signIn(t: TestApp, userId: string, workspaceId: string): Promise<SignedIn> {
  const { token, csrfToken } = await createSession(t.database.db, { userId, workspaceId, hours: 1 });
  const cookie = `voyage_session=${t.app.signCookie(token)}`;
  return { userId, workspaceId, headers: { cookie, 'x-csrf-token': csrfToken } };
}
