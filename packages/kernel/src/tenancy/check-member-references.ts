import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from '../context';
import { departments, memberships, roles } from '../db/schema';
import { validationError, type FieldIssue } from '../errors';
import { fieldIssue } from './field-issue';

export interface MemberReferences {
  roleId?: string;
  departmentId?: string | null;
  supervisorId?: string | null;
}

/**
 * Refuses a role, department or supervisor that does not exist in this workspace, naming the
 * field. An id from another workspace is "not found" here too.
 */
export async function checkMemberReferences(ctx: Pick<Context, 'db' | 'workspaceId' | 'locale'>, refs: MemberReferences): Promise<{ roleIsAdmin: boolean | null }> {
  const { db, workspaceId, locale } = ctx;
  const issues: FieldIssue[] = [];
  let roleIsAdmin: boolean | null = null;
  if (refs.roleId) {
    const role = await db.select({ isAdmin: roles.isAdmin }).from(roles).where(and(eq(roles.workspaceId, workspaceId), eq(roles.id, refs.roleId), isNull(roles.deletedAt)));
    if (!role[0]) issues.push(fieldIssue(locale, 'roleId', 'not_found'));
    else roleIsAdmin = role[0].isAdmin;
  }
  if (refs.departmentId) {
    const dept = await db.select({ id: departments.id }).from(departments).where(and(eq(departments.workspaceId, workspaceId), eq(departments.id, refs.departmentId), isNull(departments.deletedAt)));
    if (!dept[0]) issues.push(fieldIssue(locale, 'departmentId', 'not_found'));
  }
  if (refs.supervisorId) {
    const sup = await db.select({ status: memberships.status }).from(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, refs.supervisorId)));
    if (!sup[0] || sup[0].status !== 'active') issues.push(fieldIssue(locale, 'supervisorId', 'not_found'));
  }
  if (issues.length) throw validationError(issues);
  return { roleIsAdmin };
}
