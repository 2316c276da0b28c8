import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { memberships, roles, users } from '../db/schema';
import type { Actor, DataScope } from '../context';

/** Loads the actor (user + membership + role) for a workspace, or null when not an active member. */
export async function loadActor(db: Queryable, workspaceId: string, userId: string): Promise<Actor | null> {
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      status: memberships.status,
      departmentId: memberships.departmentId,
      supervisorId: memberships.supervisorId,
      role: roles,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(roles, and(eq(roles.workspaceId, memberships.workspaceId), eq(roles.id, memberships.roleId)))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .limit(1);
  const row = rows[0];
  if (!row || row.status !== 'active' || row.role.deletedAt) return null;
  return {
    userId: row.userId,
    workspaceId,
    name: row.name,
    email: row.email,
    departmentId: row.departmentId,
    supervisorId: row.supervisorId,
    role: {
      id: row.role.id,
      key: row.role.key,
      name: row.role.name,
      isAdmin: row.role.isAdmin,
      dataScope: row.role.dataScope as DataScope,
      permissions: row.role.permissions,
      fieldRules: row.role.fieldRules,
      capabilities: row.role.capabilities,
    },
  };
}
