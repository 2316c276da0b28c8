import { sql } from 'drizzle-orm';
import type { TWorkflowGraph } from '@voyage/contracts';
import { insertRows, newId, type Env, type Queryable } from '@voyage/kernel';
import { workflowRuns, workflowSteps } from '../db/workflows';
import { nextNodeId, triggerOf } from './graph';

/** A run to start: one workflow, maybe one record, and what started it. */
export interface RunRequest {
  workflowId: string;
  version: number;
  graph: TWorkflowGraph;
  object: string | null;
  recordId: string | null;
  trigger: Record<string, unknown>;
  /** One run per workflow and key: the event id, webhook delivery, manual batch + record, date value, schedule tick. */
  dedupeKey: string;
  /** How deep in a chain of runs starting runs this one is (0 for a person's change). */
  depth: number;
}

export interface StartedRuns {
  /** Run ids started now (a key seen before starts nothing). */
  started: string[];
  /** Requests refused by loop protection, with the reason's message key. */
  refused: Array<{ request: RunRequest; reason: 'workflow.run.loop_cap' | 'workflow.run.depth_cap' }>;
}

export const LOOP_CAP_KEYS = ['workflow.run.loop_cap', 'workflow.run.depth_cap'];

/**
 * Starts runs in one batch, in the caller's transaction: loop protection first (runs of a
 * workflow per record per hour, nesting depth), then one insert that skips keys already
 * started. A refused request is kept as a cancelled run carrying the reason, so the history
 * shows why nothing happened. Each new run is ready at once, at the step after its trigger.
 */
export async function startRuns(db: Queryable, env: Env, workspaceId: string, requests: RunRequest[], now: Date): Promise<StartedRuns> {
  if (requests.length === 0) return { started: [], refused: [] };
  const perHour = await recentRunCounts(db, workspaceId, requests, now);
  const refused: StartedRuns['refused'] = [];
  const rows: Array<typeof workflowRuns.$inferInsert> = [];
  const firstSteps: Array<typeof workflowSteps.$inferInsert & { dedupeKey: string; workflowId: string }> = [];
  for (const request of requests) {
    let reason: StartedRuns['refused'][number]['reason'] | null = null;
    if (request.depth >= env.WORKFLOW_MAX_DEPTH) reason = 'workflow.run.depth_cap';
    else if (request.recordId) {
      const key = `${request.workflowId}:${request.recordId}`;
      const count = perHour.get(key) ?? 0;
      if (count >= env.WORKFLOW_RUNS_PER_RECORD_HOUR) reason = 'workflow.run.loop_cap';
      else perHour.set(key, count + 1);
    }
    const id = newId();
    const trigger = triggerOf(request.graph)!;
    const next = nextNodeId(request.graph, trigger.id, null);
    const base = { workspaceId, id, workflowId: request.workflowId, workflowVersion: request.version, object: request.object, recordId: request.recordId, trigger: request.trigger, depth: request.depth, dedupeKey: request.dedupeKey, startedAt: now };
    if (reason) {
      refused.push({ request, reason });
      const max = reason === 'workflow.run.depth_cap' ? env.WORKFLOW_MAX_DEPTH : env.WORKFLOW_RUNS_PER_RECORD_HOUR;
      rows.push({ ...base, status: 'cancelled', error: { key: reason, params: { max } }, finishedAt: now, visits: { [trigger.id]: 1 } });
      continue;
    }
    rows.push({
      ...base,
      status: next ? 'running' : 'completed',
      currentNodeId: next,
      currentIteration: 0,
      visits: next ? { [trigger.id]: 1, [next]: 1 } : { [trigger.id]: 1 },
      readyAt: next ? now : null,
      finishedAt: next ? null : now,
    });
    firstSteps.push({ workspaceId, id: newId(), runId: id, nodeId: trigger.id, iteration: 0, type: 'trigger', status: 'completed', attempt: 1, output: request.trigger, startedAt: now, finishedAt: now, dedupeKey: request.dedupeKey, workflowId: request.workflowId });
  }
  const inserted = await insertRows(db, workflowRuns, rows, { onConflictDoNothing: true, returning: ['id', 'status'] });
  const insertedIds = new Set(inserted.map((r) => r.id));
  const steps = firstSteps.filter((s) => insertedIds.has(s.runId)).map(({ dedupeKey: _d, workflowId: _w, ...step }) => step);
  await insertRows(db, workflowSteps, steps);
  return { started: inserted.filter((r) => r.status !== 'cancelled').map((r) => r.id), refused: refused.filter((r) => rows.some((row) => row.dedupeKey === r.request.dedupeKey && insertedIds.has(row.id!))) };
}

/** Runs per (workflow, record) started in the hour before `now`, not counting refusals. */
async function recentRunCounts(db: Queryable, workspaceId: string, requests: RunRequest[], now: Date): Promise<Map<string, number>> {
  const pairs = requests.filter((r) => r.recordId);
  const counts = new Map<string, number>();
  if (pairs.length === 0) return counts;
  const workflowIds = [...new Set(pairs.map((p) => p.workflowId))];
  const recordIds = [...new Set(pairs.map((p) => p.recordId!))];
  const since = new Date(now.getTime() - 3_600_000);
  const rows = (await db.execute(sql`
    select workflow_id, record_id, count(*)::int as n from workflow_runs
    where workspace_id = ${workspaceId}
      and workflow_id = any(${sql`array[${sql.join(workflowIds.map((id) => sql`${id}::uuid`), sql`, `)}]`})
      and record_id = any(${sql`array[${sql.join(recordIds.map((id) => sql`${id}::uuid`), sql`, `)}]`})
      and started_at > ${since.toISOString()}::timestamptz
      and (error is null or error->>'key' not in ('workflow.run.loop_cap', 'workflow.run.depth_cap'))
    group by workflow_id, record_id`)) as unknown as { rows: Array<{ workflow_id: string; record_id: string; n: number }> };
  for (const r of rows.rows) counts.set(`${r.workflow_id}:${r.record_id}`, Number(r.n));
  return counts;
}
