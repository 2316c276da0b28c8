import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Context } from '../context';
import { departments, memberships, roles, users } from '../db/schema';
import { decodePairCursor, encodePairCursor } from '../records/pair-cursor';

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  title: string | null;
  status: 'active' | 'disabled';
  roleId: string;
  roleName: string;
  roleIsAdmin: boolean;
  departmentId: string | null;
  departmentName: string | null;
  supervisorId: string | null;
  supervisorName: string | null;
  lastLoginAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ListMembersOptions {
  q?: string;
  departmentId?: string;
  roleId?: string;
  status?: 'active' | 'disabled';
  userId?: string;
  limit?: number;
  cursor?: string;
}

const supervisors = alias(users, 'supervisor');


/** Members of the workspace, ordered by name, for the user list and the pickers. */
export async function listMembers(ctx: Pick<Context, 'db' | 'workspaceId' | 'locale'>, options: ListMembersOptions = {}): Promise<{ data: MemberView[]; nextCursor: string | null }> {
  const limit = options.limit ?? 100;
  const sortName = sql<string>`lower(${users.name})`;
  const where: SQL[] = [eq(memberships.workspaceId, ctx.workspaceId)];
  if (options.userId) where.push(eq(memberships.userId, options.userId));
  if (options.departmentId) where.push(eq(memberships.departmentId, options.departmentId));
  if (options.roleId) where.push(eq(memberships.roleId, options.roleId));
  if (options.status) where.push(eq(memberships.status, options.status));
  if (options.q) {
    const pattern = `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(users.name, pattern), ilike(users.email, pattern))!);
  }
  if (options.cursor) {
    const [name, id] = decodePairCursor(options.cursor, ctx.locale, 'text');
    where.push(sql`(${sortName}, ${users.id}) > (${name}, ${id}::uuid)`);
  }
  const rows = await ctx.db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      sortName,
      lastLoginAt: users.lastLoginAt,
      title: memberships.title,
      status: memberships.status,
      roleId: memberships.roleId,
      roleName: roles.name,
      roleIsAdmin: roles.isAdmin,
      departmentId: memberships.departmentId,
      departmentName: departments.name,
      supervisorId: memberships.supervisorId,
      supervisorName: supervisors.name,
      version: memberships.version,
      createdAt: memberships.createdAt,
      updatedAt: memberships.updatedAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(roles, and(eq(roles.workspaceId, memberships.workspaceId), eq(roles.id, memberships.roleId)))
    .leftJoin(departments, and(eq(departments.workspaceId, memberships.workspaceId), eq(departments.id, memberships.departmentId)))
    .leftJoin(supervisors, eq(supervisors.id, memberships.supervisorId))
    .where(and(...where))
    .orderBy(asc(sortName), asc(users.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(({ sortName: _sortName, ...r }) => ({
      ...r,
      status: r.status === 'disabled' ? 'disabled' : 'active',
      lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    })),
    nextCursor: rows.length > limit && last ? encodePairCursor(last.sortName, last.userId) : null,
  };
}
