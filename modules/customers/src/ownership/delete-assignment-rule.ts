import { and, eq } from 'drizzle-orm';
import { assertCapability, notFound, writeAudit, type Context } from '@voyage/kernel';
import { assignmentRules } from '../db/ownership';
import { OWNERSHIP_SETTINGS_CAPABILITY } from './update-ownership-settings';

export async function deleteAssignmentRule(ctx: Context, id: string): Promise<void> {
  assertCapability(ctx.actor, OWNERSHIP_SETTINGS_CAPABILITY);
  await ctx.database.db.transaction(async (tx) => {
    const t = assignmentRules;
    const [row] = await tx.delete(t).where(and(eq(t.workspaceId, ctx.workspaceId), eq(t.id, id))).returning();
    if (!row) throw notFound('assignment_rule');
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'delete', object: 'assignment_rule', recordId: id, summary: row.name, actorUserId: ctx.actor.userId, ip: ctx.ip, requestId: ctx.requestId });
  });
}
