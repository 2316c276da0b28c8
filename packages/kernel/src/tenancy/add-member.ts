import { and, eq, sql } from 'drizzle-orm';
import type { Context } from '../context';
import { memberships, users } from '../db/schema';
import { AppError, validationError } from '../errors';
import { writeAudit } from '../audit/write-audit';
import { emitEvents } from '../events/outbox';
import { newId } from '../ids';
import { hashPassword } from './create-workspace';
import { checkMemberReferences } from './check-member-references';
import { fieldIssue } from './field-issue';
import { listMembers, type MemberView } from './list-members';

export interface AddMemberInput {
  email: string;
  name: string;
  roleId: string;
  departmentId?: string | null;
  supervisorId?: string | null;
  title?: string | null;
  password?: string;
}

/**
 * Adds a person to the workspace. A new email creates the global user (a password is then
 * required); a known email joins the existing account, whose name and password stay as they are.
 */
export async function addMember(ctx: Context, input: AddMemberInput): Promise<MemberView> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const { workspaceId, actor } = ctx;
  const userId = await ctx.database.db.transaction(async (tx) => {
    const { roleIsAdmin } = await checkMemberReferences({ ...ctx, db: tx }, input);
    // Only an administrator may make someone an administrator.
    if (roleIsAdmin && !actor.role.isAdmin) throw new AppError('forbidden', { params: { action: 'role.admin' } });
    const existing = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
    let id = existing[0]?.id;
    const newUser = !id;
    if (id) {
      const member = await tx.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, id)));
      if (member[0]) throw new AppError('duplicate', { params: { field: 'email' }, details: { fields: [fieldIssue(ctx.locale, 'email', 'duplicate', {}, 'errors.duplicate')] } });
    } else {
      if (!passwordHash) throw validationError([fieldIssue(ctx.locale, 'password', 'required')]);
      id = newId();
      await tx.insert(users).values({ id, email, name: input.name, passwordHash, lastWorkspaceId: workspaceId });
    }
    const values = { roleId: input.roleId, departmentId: input.departmentId ?? null, supervisorId: input.supervisorId ?? null, title: input.title ?? null };
    await tx.insert(memberships).values({ workspaceId, userId: id, ...values, createdBy: actor.userId, updatedBy: actor.userId });
    await writeAudit(tx, { workspaceId, action: 'create', object: 'member', recordId: id, summary: email, newValues: { email, ...values, newUser }, actorUserId: actor.userId, actorApiKeyId: actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
    await emitEvents(tx, { workspaceId, event: 'platform.member.added', payload: { userId: id, roleId: values.roleId, departmentId: values.departmentId, supervisorId: values.supervisorId, newUser }, actorUserId: actor.userId });
    return id;
  });
  const { data } = await listMembers({ ...ctx, db: ctx.database.db }, { userId });
  return data[0];
}
