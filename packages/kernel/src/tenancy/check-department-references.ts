import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from '../context';
import { departments, memberships } from '../db/schema';
import { validationError, type FieldIssue } from '../errors';
import { fieldIssue } from './field-issue';

/** Refuses a parent department or head of department that is not in this workspace. */
export async function checkDepartmentReferences(ctx: Pick<Context, 'db' | 'workspaceId' | 'locale'>, refs: { parentId?: string | null; headUserId?: string | null }): Promise<void> {
  const issues: FieldIssue[] = [];
  if (refs.parentId) {
    const parent = await ctx.db.select({ id: departments.id }).from(departments).where(and(eq(departments.workspaceId, ctx.workspaceId), eq(departments.id, refs.parentId), isNull(departments.deletedAt)));
    if (!parent[0]) issues.push(fieldIssue(ctx.locale, 'parentId', 'not_found'));
  }
  if (refs.headUserId) {
    const head = await ctx.db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, refs.headUserId)));
    if (!head[0]) issues.push(fieldIssue(ctx.locale, 'headUserId', 'not_found'));
  }
  if (issues.length) throw validationError(issues);
}
