import { and, eq, sql } from 'drizzle-orm';
import type { TWorkflow } from '@voyage/contracts';
import { assertCapability, runInTransaction, writeAudit, type Context } from '@voyage/kernel';
import { workflows } from '../db/workflows';
import { MANAGE_WORKFLOWS } from './create-workflow';
import { invalidateLiveWorkflows } from './workflow-cache';
import { loadWorkflow, toWorkflow } from './workflow-wire';

/**
 * Moves a workflow to the trash (it stops starting runs; runs in flight go on) or back out of
 * it, switched off: restoring never silently starts automation again.
 */
export async function setWorkflowTrashed(ctx: Context, id: string, trashed: boolean): Promise<TWorkflow> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  const result = await runInTransaction(ctx, async (tx) => {
    await loadWorkflow(tx, id, { trashed: !trashed, forUpdate: true });
    const [row] = await tx.db
      .update(workflows)
      .set({ deletedAt: trashed ? new Date() : null, status: 'off', version: sql`${workflows.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId })
      .where(and(eq(workflows.workspaceId, tx.workspaceId), eq(workflows.id, id)))
      .returning();
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: trashed ? 'delete' : 'restore', object: 'workflow', recordId: id, summary: row.name, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    return toWorkflow(tx, row);
  });
  invalidateLiveWorkflows(ctx.workspaceId);
  return result;
}
