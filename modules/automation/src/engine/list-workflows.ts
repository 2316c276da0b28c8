import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { TWorkflow } from '@voyage/contracts';
import { assertCapability, type Context } from '@voyage/kernel';
import { workflows } from '../db/workflows';
import { MANAGE_WORKFLOWS } from './create-workflow';
import { toWorkflow, workflowStats } from './workflow-wire';

/** The workspace's workflows (or its trash), newest change first, with run counters. */
export async function listWorkflows(ctx: Context, options: { trash?: boolean } = {}): Promise<Array<Omit<TWorkflow, 'draft'>>> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  const rows = await ctx.db
    .select()
    .from(workflows)
    .where(and(eq(workflows.workspaceId, ctx.workspaceId), options.trash ? isNotNull(workflows.deletedAt) : isNull(workflows.deletedAt)))
    .orderBy(desc(workflows.updatedAt))
    .limit(1000);
  const stats = await workflowStats(ctx.db, ctx.workspaceId, rows.map((r) => r.id));
  return rows.map((row) => {
    const { draft: _draft, ...rest } = toWorkflow(ctx, row, stats.get(row.id));
    return rest;
  });
}
