import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZWorkflowTemplate } from '@voyage/contracts';
import { assertCapability, type Context } from '@voyage/kernel';
import { workflows } from '../db/workflows';
import { MANAGE_WORKFLOWS } from '../engine/create-workflow';
import { WORKFLOW_TEMPLATES } from './workflow-templates';

/** The gallery: each template in the reader's language, and the workflow installed from it. */
export async function listWorkflowTemplates(ctx: Context): Promise<Array<z.infer<typeof ZWorkflowTemplate>>> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  const rows = await ctx.db.select({ id: workflows.id, key: workflows.templateKey }).from(workflows)
    .where(and(eq(workflows.workspaceId, ctx.workspaceId), isNotNull(workflows.templateKey), isNull(workflows.deletedAt)));
  const installed = new Map(rows.map((r) => [r.key, r.id]));
  return WORKFLOW_TEMPLATES.map((t) => ({ key: t.key, name: t.name[ctx.locale], description: t.description[ctx.locale], installed: installed.has(t.key), workflowId: installed.get(t.key) ?? null }));
}
