import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Context } from '../context';
import { departments } from '../db/schema';
import { AppError, notFound } from '../errors';
import { writeAudit } from '../audit/write-audit';

/** Moves an empty department to the trash; one with members or sub-departments is refused. */
export async function deleteDepartment(ctx: Context, id: string): Promise<void> {
  const { workspaceId, actor } = ctx;
  await ctx.database.db.transaction(async (tx) => {
    const rows = await tx.select().from(departments).where(and(eq(departments.workspaceId, workspaceId), eq(departments.id, id), isNull(departments.deletedAt))).for('update');
    const current = rows[0];
    if (!current) throw notFound('department');
    const counts = (await tx.execute(sql`
      select
        (select count(*)::int from memberships where workspace_id = ${workspaceId} and department_id = ${id}) as members,
        (select count(*)::int from departments where workspace_id = ${workspaceId} and parent_id = ${id} and deleted_at is null) as children`)) as unknown as { rows: Array<{ members: number; children: number }> };
    const { members, children } = counts.rows[0];
    if (Number(members) > 0 || Number(children) > 0) throw new AppError('tenancy.department_not_empty', { params: { members: Number(members), children: Number(children) } });
    await tx.update(departments).set({ deletedAt: new Date(), updatedAt: new Date(), updatedBy: actor.userId, version: current.version + 1 }).where(and(eq(departments.workspaceId, workspaceId), eq(departments.id, id)));
    await writeAudit(tx, { workspaceId, action: 'delete', object: 'department', recordId: id, summary: current.name, oldValues: { name: current.name, parentId: current.parentId, headUserId: current.headUserId }, actorUserId: actor.userId, actorApiKeyId: actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
  });
}
