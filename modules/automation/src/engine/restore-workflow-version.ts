import type { TWorkflow } from '@voyage/contracts';
import { AppError, assertCapability, type Context } from '@voyage/kernel';
import { MANAGE_WORKFLOWS } from './create-workflow';
import { updateWorkflow } from './update-workflow';
import { workflowVersion } from './workflow-cache';

/**
 * Copies a published version's graph into the draft ("copy into draft" in the designer's
 * versions panel): the draft is replaced, nothing is published. `version` is the workflow's
 * version as read; a stale one is a 409, as for any save. An unknown version is a 404.
 */
export async function restoreWorkflowVersion(ctx: Context, id: string, number: number, version: number): Promise<TWorkflow> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  const stored = await workflowVersion(ctx.db, ctx.workspaceId, id, number);
  if (!stored) throw new AppError('not_found', { params: { what: 'workflow version' } });
  return updateWorkflow(ctx, id, { version, draft: stored.graph, restoredFrom: number });
}
