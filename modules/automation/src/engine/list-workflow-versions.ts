import { and, desc, eq, inArray } from 'drizzle-orm';
import { ZWorkflowVersionsResponse } from '@voyage/contracts';
import type { z } from 'zod';
import { assertCapability, schema, type Context } from '@voyage/kernel';
import { workflowVersions } from '../db/workflows';
import { MANAGE_WORKFLOWS } from './create-workflow';
import { loadWorkflow } from './workflow-wire';

/** Published versions of a workflow, newest first, with who published each. */
export async function listWorkflowVersions(ctx: Context, id: string): Promise<z.infer<typeof ZWorkflowVersionsResponse>> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  await loadWorkflow(ctx, id);
  const rows = await ctx.db.select().from(workflowVersions).where(and(eq(workflowVersions.workspaceId, ctx.workspaceId), eq(workflowVersions.workflowId, id))).orderBy(desc(workflowVersions.version));
  const publisherIds = [...new Set(rows.flatMap((r) => (r.publishedBy ? [r.publishedBy] : [])))];
  const names = new Map(publisherIds.length ? (await ctx.db.select({ id: schema.users.id, name: schema.users.name }).from(schema.users).where(inArray(schema.users.id, publisherIds))).map((u) => [u.id, u.name]) : []);
  return { data: rows.map((r) => ({ version: r.version, publishedAt: r.publishedAt.toISOString(), publishedBy: r.publishedBy, publishedByName: r.publishedBy ? names.get(r.publishedBy) ?? null : null, graph: r.graph })) };
}
