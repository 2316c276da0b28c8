import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Context } from '../context';
import { roles } from '../db/schema';
import { AppError, notFound } from '../errors';
import { writeAudit } from '../audit/write-audit';

/** Moves a role to the trash; refused while anyone holds it, and for the last admin role. */
export async function deleteRole(ctx: Context, id: string): Promise<void> {
  const { workspaceId, actor } = ctx;
  await ctx.database.db.transaction(async (tx) => {
    const rows = await tx.select().from(roles).where(and(eq(roles.workspaceId, workspaceId), eq(roles.id, id), isNull(roles.deletedAt))).for('update');
    const current = rows[0];
    if (!current) throw notFound('role');
    if (current.isAdmin && !actor.role.isAdmin) throw new AppError('forbidden', { params: { action: 'role.admin' } });
    const held = (await tx.execute(sql`select count(*)::int as n from memberships where workspace_id = ${workspaceId} and role_id = ${id}`)) as unknown as { rows: Array<{ n: number }> };
    const members = Number(held.rows[0].n);
    if (members > 0) throw new AppError('tenancy.role_in_use', { params: { members } });
    if (current.isAdmin) {
      const others = await tx.select({ id: roles.id }).from(roles).where(and(eq(roles.workspaceId, workspaceId), eq(roles.isAdmin, true), isNull(roles.deletedAt), ne(roles.id, id))).limit(1);
      if (!others[0]) throw new AppError('tenancy.last_admin');
    }
    await tx.update(roles).set({ deletedAt: new Date(), updatedAt: new Date(), updatedBy: actor.userId, version: current.version + 1 }).where(and(eq(roles.workspaceId, workspaceId), eq(roles.id, id)));
    const { name, description, isAdmin, dataScope, permissions, fieldRules, capabilities } = current;
    await writeAudit(tx, { workspaceId, action: 'permission_change', object: 'role', recordId: id, summary: name, oldValues: { name, description, isAdmin, dataScope, permissions, fieldRules, capabilities, deleted: false }, newValues: { deleted: true }, actorUserId: actor.userId, actorApiKeyId: actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
  });
}
