import { and, count, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { TWorkflow } from '@voyage/contracts';
import { AppError, openSecret, type Context, type Queryable } from '@voyage/kernel';
import { workflowRuns, workflows, type WorkflowRow } from '../db/workflows';
import { graphObject } from './validate-graph';
import { triggerOf } from './graph';

type Stats = TWorkflow['stats'];
const EMPTY: Stats = { running: 0, waiting: 0, failed: 0, completed: 0 };

/** Runs per status of each workflow, for the list's counters. */
export async function workflowStats(db: Queryable, workspaceId: string, ids: string[]): Promise<Map<string, Stats>> {
  const result = new Map<string, Stats>();
  if (ids.length === 0) return result;
  const rows = await db
    .select({ workflowId: workflowRuns.workflowId, status: workflowRuns.status, n: count() })
    .from(workflowRuns)
    .where(and(eq(workflowRuns.workspaceId, workspaceId), inArray(workflowRuns.workflowId, ids)))
    .groupBy(workflowRuns.workflowId, workflowRuns.status);
  for (const r of rows) {
    const s = result.get(r.workflowId) ?? { ...EMPTY };
    if (r.status in s) s[r.status as keyof Stats] = Number(r.n);
    result.set(r.workflowId, s);
  }
  return result;
}

export function toWorkflow(ctx: Context, row: WorkflowRow, stats: Stats = EMPTY): TWorkflow {
  const trigger = triggerOf(row.draft)?.trigger;
  const secret = row.webhookSecret ? openSecret(ctx.env.VOYAGE_SECRET, row.webhookSecret) : null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    object: graphObject(trigger),
    triggerKind: trigger?.kind ?? null,
    draft: row.draft,
    draftChanged: row.publishedDraftVersion !== row.draftVersion,
    publishedVersion: row.publishedVersion,
    templateKey: row.templateKey,
    webhookUrl: trigger?.kind === 'webhook' && secret ? `/api/v1/hooks/workflows/${row.id}/${secret}` : null,
    stats,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** A workflow of the workspace (trashed ones with `trashed`), locked for update inside a transaction when asked; 404 otherwise. */
export async function loadWorkflow(ctx: Context, id: string, options: { trashed?: boolean; forUpdate?: boolean } = {}): Promise<WorkflowRow> {
  const query = ctx.db
    .select()
    .from(workflows)
    .where(and(eq(workflows.workspaceId, ctx.workspaceId), eq(workflows.id, id), options.trashed ? isNotNull(workflows.deletedAt) : isNull(workflows.deletedAt)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', { params: { what: 'workflow' } });
  return row;
}

export function assertVersion(row: WorkflowRow, version: number): void {
  if (row.version !== version) throw new AppError('version_conflict', { details: { field: 'version', id: row.id, currentVersion: row.version } });
}

export async function getWorkflow(ctx: Context, id: string): Promise<TWorkflow> {
  const row = await loadWorkflow(ctx, id);
  return toWorkflow(ctx, row, (await workflowStats(ctx.db, ctx.workspaceId, [id])).get(id));
}
