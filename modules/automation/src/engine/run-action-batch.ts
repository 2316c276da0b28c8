import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TWorkflowGraph, TWorkflowNode } from '@voyage/contracts';
import { hasCapability, insertRows, isLocale, loadActor, newId, schema, withEventCause, withEventCauses, workflowAction, workflowRecordSource, type Actor, type Context, type Locale, type Tx, type WorkflowActionContext } from '@voyage/kernel';
import { workflowRuns, workflowSteps, type WorkflowRunRow } from '../db/workflows';
import { MANAGE_WORKFLOWS } from './create-workflow';
import { nextNodeId, nodeById, triggerOf } from './graph';
import { mergeText } from './record-rules';
import type { RunnerOptions, TurnCaches } from './run-steps';
import { workflowVersion } from './workflow-cache';

/** Steps one run takes in a batch before the batch commits. */
const STEPS_PER_BATCH = 20;

interface BatchRun {
  run: WorkflowRunRow;
  graph: TWorkflowGraph;
  node: TWorkflowNode;
  actor: Actor;
  locale: Locale;
  record: Record<string, unknown> | null;
  outputs: Record<string, Record<string, unknown>>;
  /** Still advancing in this batch. */
  active: boolean;
}

/** Thrown inside the batch transaction when an action fails: everything rolls back, the runs go the careful way. */
class BatchAborted extends Error {}

/**
 * The fast path for the common case, runs whose next steps are actions that succeed: a slice
 * of runs is locked, read and written with a handful of set-based statements (runs, their
 * steps, the run-as users, the records, the earlier outputs) around the actions themselves,
 * and commits once. Each action still commits together with its step row and the run's new
 * position, so a step is done once or not at all. Anything else (a condition, a wait, a retry,
 * a deleted record, a user who lost their rights) stops the run here, and the step-by-step
 * path takes it; if an action throws, the whole batch rolls back and the step-by-step path
 * runs every one of its runs, where the failure is retried and recorded as usual.
 * Returns the runs advanced, and which of them are still ready for the step-by-step path.
 */
export async function runActionBatch(options: RunnerOptions, caches: TurnCaches, slice: Array<{ workspace_id: string; id: string }>, now: Date): Promise<{ steps: number; advanced: Set<string>; stillReady: Set<string> } | null> {
  try {
    return await options.database.db.transaction((tx) => batch(options, caches, tx, slice, now));
  } catch (error) {
    if (error instanceof BatchAborted) return null;
    throw error;
  }
}

async function batch(options: RunnerOptions, caches: TurnCaches, tx: Tx, slice: Array<{ workspace_id: string; id: string }>, now: Date): Promise<{ steps: number; advanced: Set<string>; stillReady: Set<string> }> {
  const pairs = sql.join(slice.map((r) => sql`(${r.workspace_id}::uuid, ${r.id}::uuid)`), sql`, `);
  const rows = await tx
    .select()
    .from(workflowRuns)
    .where(and(sql`(${workflowRuns.workspaceId}, ${workflowRuns.id}) in (${pairs})`, eq(workflowRuns.status, 'running'), sql`${workflowRuns.readyAt} <= ${now.toISOString()}::timestamptz`))
    .for('update', { skipLocked: true });
  if (rows.length === 0) return { steps: 0, advanced: new Set(), stillReady: new Set() };
  const started = new Set(
    (await tx
      .select({ runId: workflowSteps.runId, nodeId: workflowSteps.nodeId, iteration: workflowSteps.iteration })
      .from(workflowSteps)
      .where(and(inArray(workflowSteps.workspaceId, [...new Set(rows.map((r) => r.workspaceId))]), inArray(workflowSteps.runId, rows.map((r) => r.id)))))
      .map((s) => `${s.runId}:${s.nodeId}:${s.iteration}`),
  );
  const runs: BatchRun[] = [];
  for (const run of rows) {
    const version = await workflowVersion(tx, run.workspaceId, run.workflowId, run.workflowVersion);
    const node = version && run.currentNodeId ? nodeById(version.graph, run.currentNodeId) : undefined;
    // Only a first attempt at an action step (a retry keeps its step row and its attempts).
    if (!version || node?.type !== 'action' || !node.action || !workflowAction(node.action) || started.has(`${run.id}:${node.id}:${run.currentIteration}`)) continue;
    const actor = await cachedActor(tx, caches, run.workspaceId, version.runAsUserId);
    if (!actor || !hasCapability(actor, MANAGE_WORKFLOWS)) continue;
    runs.push({ run, graph: version.graph, node, actor, locale: await cachedLocale(tx, caches, run.workspaceId), record: null, outputs: {}, active: true });
  }
  await loadOutputs(tx, runs);
  let steps = 0;
  const stepRows: Array<typeof workflowSteps.$inferInsert> = [];
  for (let pass = 0; pass < STEPS_PER_BATCH; pass += 1) {
    const active = runs.filter((r) => r.active);
    if (active.length === 0) break;
    await loadRecords(tx, active);
    // Runs of one workspace and run-as user at the same action go together when the action can
    // do many at once (one update for 500 tags, one insert for 500 notifications).
    const groups = new Map<string, Array<{ r: BatchRun; input: Record<string, unknown>; actx: WorkflowActionContext }>>();
    for (const r of active) {
      const action = workflowAction(r.node.action!)!;
      const parsed = action.input.safeParse(r.node.input ?? {});
      if ((r.run.recordId && !r.record) || !parsed.success) { r.active = false; continue; }
      const { run, node } = r;
      const ctx: Context = { env: options.env, database: options.database, db: tx, workspaceId: run.workspaceId, actor: r.actor, locale: r.locale };
      const scope = { record: r.record, trigger: run.trigger, steps: r.outputs };
      const actx: WorkflowActionContext = {
        ctx, workflowId: run.workflowId, runId: run.id, stepId: node.id, idempotencyKey: `${run.id}:${node.id}:${run.currentIteration}`,
        record: run.object && run.recordId && r.record ? { object: run.object, id: run.recordId, values: r.record } : null,
        trigger: run.trigger, steps: r.outputs, now, jobs: options.send, merge: (text) => mergeText(text, scope, tx),
      };
      const key = action.runMany ? `${action.key}\u0000${run.workspaceId}\u0000${r.actor.userId}` : `run\u0000${run.id}`;
      const item = { r, input: parsed.data as Record<string, unknown>, actx };
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
    for (const group of groups.values()) {
      const action = workflowAction(group[0].r.node.action!)!;
      const causeOf = (r: BatchRun) => ({ runId: r.run.id, depth: r.run.depth + 1 });
      let outputs: Array<Record<string, unknown>>;
      try {
        outputs = group.length > 1 && action.runMany
          ? await withEventCauses(new Map(group.filter((g) => g.r.run.recordId).map((g) => [g.r.run.recordId!, causeOf(g.r)])), causeOf(group[0].r), () => action.runMany!(group.map((g) => ({ actx: g.actx, input: g.input }))))
          : [await withEventCause(causeOf(group[0].r), () => action.run(group[0].actx, group[0].input))];
      } catch {
        throw new BatchAborted();
      }
      group.forEach(({ r, input }, i) => {
        steps += 1;
        advanceAfterAction(r, input, outputs[i], stepRows, now);
      });
    }
  }
  const stepped = new Set(stepRows.map((s) => s.runId));
  const moved = runs.filter((r) => stepped.has(r.run.id));
  await insertRows(tx, workflowSteps, stepRows);
  if (moved.length) {
    const values = moved.map((r) => ({ workspace_id: r.run.workspaceId, id: r.run.id, status: r.run.status, current_node_id: r.run.currentNodeId, current_iteration: r.run.currentIteration, visits: r.run.visits, ready_at: r.run.readyAt?.toISOString() ?? null, finished_at: r.run.finishedAt?.toISOString() ?? null }));
    await tx.execute(sql`
      update workflow_runs r set status = v.status, current_node_id = v.current_node_id, current_iteration = v.current_iteration, visits = v.visits, ready_at = v.ready_at, finished_at = v.finished_at
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(workspace_id uuid, id uuid, status text, current_node_id text, current_iteration int, visits jsonb, ready_at timestamptz, finished_at timestamptz)
      where r.workspace_id = v.workspace_id and r.id = v.id`);
  }
  return { steps, advanced: new Set(moved.map((r) => r.run.id)), stillReady: new Set(moved.filter((r) => r.run.status === 'running').map((r) => r.run.id)) };
}

/** Records a done action step of a batch run and moves the run on: to the next action, an end (done here too), or out of the batch. */
function advanceAfterAction(r: BatchRun, input: Record<string, unknown>, output: Record<string, unknown>, stepRows: Array<typeof workflowSteps.$inferInsert>, now: Date): void {
  const { run, node } = r;
  r.outputs[node.id] = output;
  stepRows.push({ workspaceId: run.workspaceId, id: newId(), runId: run.id, nodeId: node.id, iteration: run.currentIteration, type: 'action', status: 'completed', attempt: 1, input, output, startedAt: now, finishedAt: now });
  const next = nextNodeId(r.graph, node.id, null);
  const nextNode = next ? nodeById(r.graph, next) : undefined;
  if (!next || !nextNode) {
    r.run = { ...run, status: 'completed', currentNodeId: null, readyAt: null, finishedAt: now };
    r.active = false;
    return;
  }
  const iteration = run.visits[next] ?? 0;
  r.run = { ...run, currentNodeId: next, currentIteration: iteration, visits: { ...run.visits, [next]: iteration + 1 }, readyAt: now };
  r.node = nextNode;
  // Ends are done here too; anything else goes the step-by-step way.
  if (nextNode.type === 'end') {
    stepRows.push({ workspaceId: run.workspaceId, id: newId(), runId: run.id, nodeId: nextNode.id, iteration, type: 'end', status: 'completed', attempt: 1, startedAt: now, finishedAt: now });
    r.run = { ...r.run, status: 'completed', readyAt: null, finishedAt: now };
    r.active = false;
  } else if (nextNode.type !== 'action' || !workflowAction(nextNode.action ?? '')) r.active = false;
}

/** The records of the runs, as they are now, one query per record kind and workspace. */
async function loadRecords(tx: Tx, runs: BatchRun[]): Promise<void> {
  const groups = new Map<string, BatchRun[]>();
  for (const r of runs) {
    if (!r.run.object || !r.run.recordId) continue;
    const key = `${r.run.workspaceId}\u0000${r.run.object}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  for (const group of groups.values()) {
    const { workspaceId, object } = group[0].run;
    const source = workflowRecordSource(object!);
    const found = source ? await source.load(tx, workspaceId, [...new Set(group.map((r) => r.run.recordId!))]) : new Map<string, Record<string, unknown>>();
    for (const r of group) r.record = found.get(r.run.recordId!) ?? null;
  }
}

/** Earlier outputs: the trigger's payload, plus the steps done, read in one query for the runs past their first step. */
async function loadOutputs(tx: Tx, runs: BatchRun[]): Promise<void> {
  const later: BatchRun[] = [];
  for (const r of runs) {
    const trigger = triggerOf(r.graph);
    if (trigger) r.outputs[trigger.id] = r.run.trigger;
    if (Object.keys(r.run.visits).length > 2 || r.run.currentIteration > 0) later.push(r);
  }
  if (later.length === 0) return;
  const rows = await tx
    .select({ runId: workflowSteps.runId, nodeId: workflowSteps.nodeId, output: workflowSteps.output })
    .from(workflowSteps)
    .where(and(inArray(workflowSteps.workspaceId, [...new Set(later.map((r) => r.run.workspaceId))]), inArray(workflowSteps.runId, later.map((r) => r.run.id)), eq(workflowSteps.status, 'completed'), sql`${workflowSteps.output} is not null`))
    .orderBy(workflowSteps.iteration);
  const byRun = new Map(later.map((r) => [r.run.id, r]));
  for (const row of rows) byRun.get(row.runId)!.outputs[row.nodeId] = (row.output ?? {}) as Record<string, unknown>;
}

function cachedActor(tx: Tx, caches: TurnCaches, workspaceId: string, userId: string): Promise<Actor | null> {
  const key = `${workspaceId}:${userId}`;
  let loaded = caches.actors.get(key);
  if (!loaded) {
    loaded = loadActor(tx, workspaceId, userId);
    caches.actors.set(key, loaded);
  }
  return loaded;
}

function cachedLocale(tx: Tx, caches: TurnCaches, workspaceId: string): Promise<Locale> {
  let locale = caches.locales.get(workspaceId);
  if (!locale) {
    locale = tx.select({ locale: schema.workspaces.defaultLocale }).from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId)).then(([w]) => (isLocale(w?.locale) ? w.locale : 'en'));
    caches.locales.set(workspaceId, locale);
  }
  return locale;
}
