import { and, eq, sql } from 'drizzle-orm';
import type { Context } from '../context';
import { memberships, roles } from '../db/schema';
import { AppError, notFound } from '../errors';
import { pickChanges, writeAudit } from '../audit/write-audit';
import { emitEvents } from '../events/outbox';
import { assertAdminRemains } from './assert-admin-remains';
import { checkMemberReferences } from './check-member-references';
import { listMembers, type MemberView } from './list-members';

export interface UpdateMemberInput {
  roleId?: string;
  departmentId?: string | null;
  supervisorId?: string | null;
  title?: string | null;
  status?: 'active' | 'disabled';
  version: number;
}

const FIELDS = ['roleId', 'departmentId', 'supervisorId', 'title', 'status'] as const;

/** Changes a member's role, department, supervisor, title or status. */
export async function updateMember(ctx: Context, userId: string, input: UpdateMemberInput): Promise<MemberView> {
  const { workspaceId, actor } = ctx;
  await ctx.database.db.transaction(async (tx) => {
    const rows = await tx
      .select({ roleId: memberships.roleId, departmentId: memberships.departmentId, supervisorId: memberships.supervisorId, title: memberships.title, status: memberships.status, version: memberships.version, isAdmin: roles.isAdmin })
      .from(memberships)
      .innerJoin(roles, and(eq(roles.workspaceId, memberships.workspaceId), eq(roles.id, memberships.roleId)))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    const current = rows[0];
    if (!current) throw notFound('user');
    if (current.version !== input.version) throw new AppError('version_conflict');
    const { changes, previous } = pickChanges(current, input, FIELDS);
    if (Object.keys(changes).length === 0) return;
    const { roleIsAdmin } = await checkMemberReferences({ ...ctx, db: tx }, { roleId: changes.roleId as string | undefined, departmentId: changes.departmentId as string | null | undefined, supervisorId: changes.supervisorId as string | null | undefined });
    // Only an administrator may grant, change or take away administrator rights.
    if (!actor.role.isAdmin && (roleIsAdmin || (current.isAdmin && ('roleId' in changes || 'status' in changes)))) {
      throw new AppError('forbidden', { params: { action: 'role.admin' } });
    }
    if (changes.supervisorId) await assertNoSupervisorCycle(ctx, tx, userId, changes.supervisorId as string);
    const losesAdmin = current.isAdmin && current.status === 'active' && (roleIsAdmin === false || changes.status === 'disabled');
    if (losesAdmin) await assertAdminRemains(tx, workspaceId, { exceptUserId: userId });
    const updated = await tx
      .update(memberships)
      .set({ ...changes, version: current.version + 1, updatedAt: new Date(), updatedBy: actor.userId })
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId), eq(memberships.version, input.version)))
      .returning({ userId: memberships.userId });
    if (!updated[0]) throw new AppError('version_conflict');
    const action = 'roleId' in changes ? 'permission_change' : 'update';
    await writeAudit(tx, { workspaceId, action, object: 'member', recordId: userId, oldValues: previous, newValues: changes, actorUserId: actor.userId, actorApiKeyId: actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
    await emitEvents(tx, { workspaceId, event: 'platform.member.updated', payload: { userId, changes, previous }, actorUserId: actor.userId });
  });
  const { data } = await listMembers({ ...ctx, db: ctx.database.db }, { userId });
  return data[0];
}

/** A supervisor may not be the member or anyone the member supervises, directly or not. */
async function assertNoSupervisorCycle(ctx: Context, tx: Context['db'], userId: string, supervisorId: string): Promise<void> {
  if (supervisorId === userId) throw new AppError('tenancy.supervisor_cycle');
  const chain = (await tx.execute(sql`
    with recursive chain(user_id) as (
      select ${supervisorId}::uuid
      union
      select m.supervisor_id from memberships m join chain on m.user_id = chain.user_id
      where m.workspace_id = ${ctx.workspaceId} and m.supervisor_id is not null
    ) select 1 from chain where user_id = ${userId}::uuid limit 1`)) as unknown as { rows: unknown[] };
  if (chain.rows.length) throw new AppError('tenancy.supervisor_cycle');
}
