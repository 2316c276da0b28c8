import { and, eq, sql } from 'drizzle-orm';
import type { TWorkflow } from '@voyage/contracts';
import { AppError, assertCapability, runInTransaction, writeAudit, type Context } from '@voyage/kernel';
import { workflows } from '../db/workflows';
import { cancelOpenRuns } from './cancel-runs';
import { MANAGE_WORKFLOWS } from './create-workflow';
import { invalidateLiveWorkflows } from './workflow-cache';
import { assertVersion, loadWorkflow, toWorkflow, workflowStats } from './workflow-wire';
import './engine-messages';

export interface SetWorkflowStatusInput {
  version: number;
  status: 'on' | 'off';
  inFlight?: 'continue' | 'stop';
}

/**
 * Switches a workflow on (it needs a published version) or off. Off stops new runs; runs in
 * flight continue, or are cancelled with their waits when the admin chose `stop`.
 */
export async function setWorkflowStatus(ctx: Context, id: string, input: SetWorkflowStatusInput, now = new Date()): Promise<TWorkflow> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  const inFlight = input.inFlight ?? 'continue';
  const result = await runInTransaction(ctx, async (tx) => {
    const before = await loadWorkflow(tx, id, { forUpdate: true });
    assertVersion(before, input.version);
    if (input.status === 'on' && before.publishedVersion === null) throw new AppError('workflow.not_published');
    const cancelled = input.status === 'off' && inFlight === 'stop' ? await cancelOpenRuns(tx.db, tx.workspaceId, id, now) : 0;
    const [row] = await tx.db
      .update(workflows)
      .set({ status: input.status, inFlight, version: sql`${workflows.version} + 1`, updatedAt: now, updatedBy: tx.actor.userId })
      .where(and(eq(workflows.workspaceId, tx.workspaceId), eq(workflows.id, id)))
      .returning();
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: input.status === 'on' ? 'switch_on' : 'switch_off', object: 'workflow', recordId: id, summary: row.name, newValues: { status: input.status, inFlight, cancelledRuns: cancelled }, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    return toWorkflow(tx, row, (await workflowStats(tx.db, tx.workspaceId, [id])).get(id));
  });
  invalidateLiveWorkflows(ctx.workspaceId);
  return result;
}
