import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Context } from '../context';
import { departments, users } from '../db/schema';

export interface DepartmentView {
  id: string;
  name: string;
  parentId: string | null;
  headUserId: string | null;
  headUserName: string | null;
  position: number;
  memberCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The department tree as a flat list (parents before children is not guaranteed; use parentId). */
export async function listDepartments(ctx: Pick<Context, 'db' | 'workspaceId'>, options: { id?: string } = {}): Promise<DepartmentView[]> {
  const memberCount = sql<number>`(select count(*)::int from memberships m where m.workspace_id = ${departments.workspaceId} and m.department_id = ${departments.id})`;
  const rows = await ctx.db
    .select({
      id: departments.id,
      name: departments.name,
      parentId: departments.parentId,
      headUserId: departments.headUserId,
      headUserName: users.name,
      position: departments.position,
      memberCount,
      version: departments.version,
      createdAt: departments.createdAt,
      updatedAt: departments.updatedAt,
    })
    .from(departments)
    .leftJoin(users, eq(users.id, departments.headUserId))
    .where(and(eq(departments.workspaceId, ctx.workspaceId), isNull(departments.deletedAt), options.id ? eq(departments.id, options.id) : undefined))
    .orderBy(asc(departments.position), asc(departments.name), asc(departments.id));
  return rows.map((r) => ({ ...r, memberCount: Number(r.memberCount), createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() }));
}
