import { and, desc, eq } from 'drizzle-orm';
import { ZWorkflowVersionsResponse } from '@voyage/contracts';
import type { z } from 'zod';
import { assertCapability, type Context } from '@voyage/kernel';
import { workflowVersions } from '../db/workflows';
import { MANAGE_WORKFLOWS } from './create-workflow';
import { loadWorkflow } from './workflow-wire';

/** Published versions of a workflow, newest first. */
export async function listWorkflowVersions(ctx: Context, id: string): Promise<z.infer<typeof ZWorkflowVersionsResponse>> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  await loadWorkflow(ctx, id);
  const rows = await ctx.db.select().from(workflowVersions).where(and(eq(workflowVersions.workspaceId, ctx.workspaceId), eq(workflowVersions.workflowId, id))).orderBy(desc(workflowVersions.version));
  return { data: rows.map((r) => ({ version: r.version, publishedAt: r.publishedAt.toISOString(), publishedBy: r.publishedBy, graph: r.graph })) };
}
