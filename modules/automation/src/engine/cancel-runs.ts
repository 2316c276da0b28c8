import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '@voyage/kernel';
import { workflowRuns, workflowSteps, workflowWaits } from '../db/workflows';

/** Cancels a workflow's runs that are running or waiting, with their open steps and pending waits. Returns how many. */
export async function cancelOpenRuns(db: Queryable, workspaceId: string, workflowId: string, now: Date): Promise<number> {
  const cancelled = await db
    .update(workflowRuns)
    .set({ status: 'cancelled', readyAt: null, waitingUntil: null, finishedAt: now, error: { key: 'workflow.run.cancelled' } })
    .where(and(eq(workflowRuns.workspaceId, workspaceId), eq(workflowRuns.workflowId, workflowId), inArray(workflowRuns.status, ['running', 'waiting'])))
    .returning({ id: workflowRuns.id });
  const ids = cancelled.map((r) => r.id);
  if (ids.length === 0) return 0;
  // In slices, so a workflow with very many open runs stays within parameter limits.
  for (let i = 0; i < ids.length; i += 5_000) {
    const slice = ids.slice(i, i + 5_000);
    await db.update(workflowSteps).set({ status: 'cancelled', finishedAt: now }).where(and(eq(workflowSteps.workspaceId, workspaceId), inArray(workflowSteps.runId, slice), inArray(workflowSteps.status, ['running', 'waiting'])));
    await db.update(workflowWaits).set({ status: 'cancelled', firedAt: now }).where(and(eq(workflowWaits.workspaceId, workspaceId), inArray(workflowWaits.runId, slice), sql`${workflowWaits.status} = 'pending'`));
  }
  return ids.length;
}
