import { and, eq, sql } from 'drizzle-orm';
import type { TWorkflow, TWorkflowGraph } from '@voyage/contracts';
import { assertCapability, runInTransaction, writeAudit, type Context } from '@voyage/kernel';
import { workflows } from '../db/workflows';
import { MANAGE_WORKFLOWS } from './create-workflow';
import { assertVersion, loadWorkflow, toWorkflow, workflowStats } from './workflow-wire';
import { webhookSecretColumns } from './webhook-secret';

export interface UpdateWorkflowInput {
  version: number;
  name?: string;
  description?: string | null;
  draft?: TWorkflowGraph;
  /** The published version the draft was copied from (on the audit log). */
  restoredFrom?: number;
}

/** Saves the name, description or draft graph (the published version is untouched); 409 on a stale version. */
export async function updateWorkflow(ctx: Context, id: string, input: UpdateWorkflowInput): Promise<TWorkflow> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  return runInTransaction(ctx, async (tx) => {
    const before = await loadWorkflow(tx, id, { forUpdate: true });
    assertVersion(before, input.version);
    const draftChanged = input.draft !== undefined && JSON.stringify(input.draft) !== JSON.stringify(before.draft);
    const [row] = await tx.db
      .update(workflows)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description ?? null } : {}),
        ...(draftChanged ? { draft: input.draft, draftVersion: sql`${workflows.draftVersion} + 1`, ...webhookSecretColumns(tx, input.draft!, before) } : {}),
        version: sql`${workflows.version} + 1`,
        updatedAt: new Date(),
        updatedBy: tx.actor.userId,
      })
      .where(and(eq(workflows.workspaceId, tx.workspaceId), eq(workflows.id, id)))
      .returning();
    const changed = { ...(input.name !== undefined && input.name !== before.name ? { name: input.name } : {}), ...(draftChanged ? { draft: input.restoredFrom ? `version ${input.restoredFrom}` : 'changed' } : {}) };
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'update', object: 'workflow', recordId: id, summary: row.name, newValues: changed, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    return toWorkflow(tx, row, (await workflowStats(tx.db, tx.workspaceId, [id])).get(id));
  });
}
