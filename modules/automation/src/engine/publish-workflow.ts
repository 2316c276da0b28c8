import { and, eq, sql } from 'drizzle-orm';
import type { TWorkflow, TWorkflowIssue } from '@voyage/contracts';
import { AppError, assertCapability, runInTransaction, writeAudit, type Context } from '@voyage/kernel';
import { workflows, workflowVersions } from '../db/workflows';
import { MANAGE_WORKFLOWS } from './create-workflow';
import { validateGraph } from './validate-graph';
import { invalidateLiveWorkflows } from './workflow-cache';
import { assertVersion, loadWorkflow, toWorkflow, workflowStats } from './workflow-wire';
import './engine-messages';

/** Checks the draft without publishing it. */
export async function validateWorkflow(ctx: Context, id: string): Promise<{ valid: boolean; issues: TWorkflowIssue[] }> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  const row = await loadWorkflow(ctx, id);
  const issues = await validateGraph(ctx, row.draft);
  return { valid: issues.length === 0, issues };
}

/**
 * Freezes the draft as the next numbered version, run as the publisher; new runs start on it,
 * runs in flight keep theirs. 422 `workflow.invalid_graph` lists every problem.
 */
export async function publishWorkflow(ctx: Context, id: string, version: number): Promise<TWorkflow> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  const result = await runInTransaction(ctx, async (tx) => {
    const before = await loadWorkflow(tx, id, { forUpdate: true });
    assertVersion(before, version);
    const issues = await validateGraph(tx, before.draft);
    if (issues.length) throw new AppError('workflow.invalid_graph', { params: { count: issues.length }, details: { issues } });
    const next = (before.publishedVersion ?? 0) + 1;
    await tx.db.insert(workflowVersions).values({ workspaceId: tx.workspaceId, workflowId: id, version: next, graph: before.draft, runAsUserId: tx.actor.userId, publishedBy: tx.actor.userId });
    const [row] = await tx.db
      .update(workflows)
      .set({ publishedVersion: next, publishedDraftVersion: before.draftVersion, version: sql`${workflows.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId })
      .where(and(eq(workflows.workspaceId, tx.workspaceId), eq(workflows.id, id)))
      .returning();
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'publish', object: 'workflow', recordId: id, summary: row.name, newValues: { publishedVersion: next }, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    return toWorkflow(tx, row, (await workflowStats(tx.db, tx.workspaceId, [id])).get(id));
  });
  invalidateLiveWorkflows(ctx.workspaceId);
  return result;
}
