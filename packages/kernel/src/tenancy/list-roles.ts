import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Context, DataScope, RoleSnapshot } from '../context';
import { roles } from '../db/schema';

export interface RoleView {
  id: string;
  key: string | null;
  name: string;
  description: string;
  isAdmin: boolean;
  dataScope: DataScope;
  permissions: RoleSnapshot['permissions'];
  fieldRules: RoleSnapshot['fieldRules'];
  capabilities: string[];
  memberCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Roles of the workspace (admin roles first), each with how many members hold it. */
export async function listRoles(ctx: Pick<Context, 'db' | 'workspaceId'>, options: { id?: string } = {}): Promise<RoleView[]> {
  const memberCount = sql<number>`(select count(*)::int from memberships m where m.workspace_id = ${roles.workspaceId} and m.role_id = ${roles.id})`;
  const rows = await ctx.db
    .select({
      id: roles.id,
      key: roles.key,
      name: roles.name,
      description: roles.description,
      isAdmin: roles.isAdmin,
      dataScope: roles.dataScope,
      permissions: roles.permissions,
      fieldRules: roles.fieldRules,
      capabilities: roles.capabilities,
      memberCount,
      version: roles.version,
      createdAt: roles.createdAt,
      updatedAt: roles.updatedAt,
    })
    .from(roles)
    .where(and(eq(roles.workspaceId, ctx.workspaceId), isNull(roles.deletedAt), options.id ? eq(roles.id, options.id) : undefined))
    .orderBy(sql`${roles.isAdmin} desc`, asc(roles.createdAt), asc(roles.id));
  return rows.map((r) => ({ ...r, dataScope: r.dataScope as DataScope, memberCount: Number(r.memberCount), createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() }));
}
