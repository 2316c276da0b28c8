import type { TWorkflow, TWorkflowGraph } from '@voyage/contracts';
import { assertCapability, newId, runInTransaction, writeAudit, type Context } from '@voyage/kernel';
import { workflows } from '../db/workflows';
import { toWorkflow } from './workflow-wire';
import { webhookSecretColumns } from './webhook-secret';

export const MANAGE_WORKFLOWS = 'automation.manage';

const EMPTY_GRAPH: TWorkflowGraph = { nodes: [], edges: [] };

export interface CreateWorkflowInput {
  name: string;
  description?: string | null;
  draft?: TWorkflowGraph;
  /** Set by template installs. */
  templateKey?: string | null;
}

/** Creates a switched-off workflow with a draft graph (empty unless given). */
export async function createWorkflow(ctx: Context, input: CreateWorkflowInput): Promise<TWorkflow> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  const draft = input.draft ?? EMPTY_GRAPH;
  return runInTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(workflows)
      .values({ workspaceId: tx.workspaceId, id: newId(), name: input.name, description: input.description ?? null, draft, templateKey: input.templateKey ?? null, createdBy: tx.actor.userId, updatedBy: tx.actor.userId, ...webhookSecretColumns(tx, draft) })
      .returning();
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'create', object: 'workflow', recordId: row.id, summary: row.name, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    return toWorkflow(tx, row);
  });
}
