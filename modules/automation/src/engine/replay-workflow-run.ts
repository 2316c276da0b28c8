import { and, eq } from 'drizzle-orm';
import type { TWorkflowRunDetail } from '@voyage/contracts';
import { AppError, assertCapability, runInTransaction, writeAudit, type Context } from '@voyage/kernel';
import { workflowRuns, workflowSteps } from '../db/workflows';
import { MANAGE_WORKFLOWS } from './create-workflow';
import { getWorkflowRun } from './list-workflow-runs';
import './engine-messages';

/**
 * Continues a failed run from the step that failed: that step runs again (with fresh retries)
 * against the record as it is now; steps done before are not repeated.
 */
export async function replayWorkflowRun(ctx: Context, runId: string, now = new Date()): Promise<TWorkflowRunDetail> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  await runInTransaction(ctx, async (tx) => {
    const [run] = await tx.db.select().from(workflowRuns).where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, runId))).for('update');
    if (!run) throw new AppError('not_found', { params: { what: 'workflow run' } });
    if (run.status !== 'failed') throw new AppError('workflow.run_not_failed');
    if (run.currentNodeId) {
      await tx.db
        .update(workflowSteps)
        .set({ status: 'running', attempt: 0, finishedAt: null })
        .where(and(eq(workflowSteps.workspaceId, tx.workspaceId), eq(workflowSteps.runId, runId), eq(workflowSteps.nodeId, run.currentNodeId), eq(workflowSteps.iteration, run.currentIteration)));
    }
    await tx.db.update(workflowRuns).set({ status: 'running', error: null, finishedAt: null, readyAt: now }).where(and(eq(workflowRuns.workspaceId, tx.workspaceId), eq(workflowRuns.id, runId)));
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'replay', object: 'workflow_run', recordId: runId, summary: run.currentNodeId, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
  });
  return getWorkflowRun(ctx, runId);
}
