import { and, asc, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { TWorkflowGraph, TWorkflowNode, TWorkflowRun, TWorkflowRunDetail } from '@voyage/contracts';
import { AppError, assertCapability, decodePairCursor, encodePairCursor, recordTitles, translate, workflowAction, type Context, type Locale } from '@voyage/kernel';
import { workflowRuns, workflowSteps, type WorkflowRunRow } from '../db/workflows';
import { MANAGE_WORKFLOWS } from './create-workflow';
import { nodeById } from './graph';
import { workflowVersion } from './workflow-cache';
import { loadWorkflow } from './workflow-wire';
import './engine-messages';

export function runError(locale: Locale, error: WorkflowRunRow['error']): string | null {
  if (!error) return null;
  return error.message ?? translate(locale, error.key, error.params ?? {});
}

function toRun(locale: Locale, row: WorkflowRunRow, titles: Map<string, string>): TWorkflowRun {
  return {
    id: row.id,
    workflowId: row.workflowId,
    workflowVersion: row.workflowVersion,
    status: row.status,
    object: row.object,
    recordId: row.recordId,
    recordTitle: row.recordId ? titles.get(row.recordId) ?? null : null,
    error: runError(locale, row.error),
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    waitingUntil: row.waitingUntil?.toISOString() ?? null,
  };
}

async function titlesOf(ctx: Context, rows: WorkflowRunRow[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const byObject = new Map<string, string[]>();
  for (const r of rows) if (r.object && r.recordId) byObject.set(r.object, [...(byObject.get(r.object) ?? []), r.recordId]);
  for (const [object, ids] of byObject) for (const [id, title] of await recordTitles(ctx.db, ctx.workspaceId, object, ids)) titles.set(id, title);
  return titles;
}

/** Runs of a workflow, newest first, by status or record, a page at a time. */
export async function listWorkflowRuns(ctx: Context, workflowId: string, query: { status?: TWorkflowRun['status']; recordId?: string; cursor?: string; limit?: number }): Promise<{ data: TWorkflowRun[]; nextCursor: string | null }> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  await loadWorkflow(ctx, workflowId);
  const limit = query.limit ?? 50;
  const conditions: Array<SQL | undefined> = [eq(workflowRuns.workspaceId, ctx.workspaceId), eq(workflowRuns.workflowId, workflowId)];
  if (query.status) conditions.push(eq(workflowRuns.status, query.status));
  if (query.recordId) conditions.push(eq(workflowRuns.recordId, query.recordId));
  if (query.cursor) {
    const [at, id] = decodePairCursor(query.cursor, ctx.locale, 'timestamp');
    const when = new Date(at);
    conditions.push(or(lt(workflowRuns.startedAt, when), and(eq(workflowRuns.startedAt, when), lt(workflowRuns.id, id))));
  }
  const rows = await ctx.db.select().from(workflowRuns).where(and(...conditions)).orderBy(desc(workflowRuns.startedAt), desc(workflowRuns.id)).limit(limit + 1);
  const page = rows.slice(0, limit);
  const titles = await titlesOf(ctx, page);
  const last = page.at(-1);
  return { data: page.map((r) => toRun(ctx.locale, r, titles)), nextCursor: rows.length > limit && last ? encodePairCursor(last.startedAt.toISOString(), last.id) : null };
}

/** What a step is called in the history: its label, its action's name, or its kind. */
export function stepTitle(locale: Locale, node: TWorkflowNode | undefined, type: string): string {
  if (node?.label) return node.label;
  if (node?.type === 'action' && node.action) {
    const action = workflowAction(node.action);
    return action ? action.labels[locale] : node.action;
  }
  return translate(locale, `workflow.step.${type}`);
}

/** A run with its steps (input, output, timing, error) and the graph it ran on. */
export async function getWorkflowRun(ctx: Context, runId: string): Promise<TWorkflowRunDetail> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  const [run] = await ctx.db.select().from(workflowRuns).where(and(eq(workflowRuns.workspaceId, ctx.workspaceId), eq(workflowRuns.id, runId)));
  if (!run) throw new AppError('not_found', { params: { what: 'workflow run' } });
  const version = await workflowVersion(ctx.db, ctx.workspaceId, run.workflowId, run.workflowVersion);
  const graph: TWorkflowGraph = version?.graph ?? { nodes: [], edges: [] };
  const steps = await ctx.db.select().from(workflowSteps).where(and(eq(workflowSteps.workspaceId, ctx.workspaceId), eq(workflowSteps.runId, runId))).orderBy(asc(workflowSteps.startedAt), asc(workflowSteps.iteration));
  return {
    ...toRun(ctx.locale, run, await titlesOf(ctx, [run])),
    trigger: run.trigger,
    graph,
    steps: steps.map((s) => ({
      id: s.id,
      nodeId: s.nodeId,
      type: s.type as TWorkflowNode['type'],
      title: stepTitle(ctx.locale, nodeById(graph, s.nodeId), s.type),
      status: s.status,
      attempt: s.attempt,
      input: s.input ?? null,
      output: s.output ?? null,
      outcome: s.outcome,
      error: s.error,
      startedAt: s.startedAt.toISOString(),
      finishedAt: s.finishedAt?.toISOString() ?? null,
      durationMs: s.finishedAt ? s.finishedAt.getTime() - s.startedAt.getTime() : null,
    })),
  };
}
