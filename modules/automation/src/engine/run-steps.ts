import { and, eq, sql } from 'drizzle-orm';
import type { TWorkflowGraph, TWorkflowNode } from '@voyage/contracts';
import {
  AppError, hasCapability, isLocale, loadActor, newId, schema, translate, withEventCause, workflowAction, workflowEvent, workflowRecordSource,
  type Actor, type Context, type Database, type Env, type JobSender, type Locale, type Tx, type WorkflowActionContext,
} from '@voyage/kernel';
import { workflowRuns, workflowSteps, workflowWaits, type WorkflowRunRow, type WorkflowStepRow } from '../db/workflows';
import { MANAGE_WORKFLOWS } from './create-workflow';
import { nextNodeId, nodeById, triggerOf } from './graph';
import { mergeText, recordsMatching } from './record-rules';
import { runActionBatch } from './run-action-batch';
import { waitDueAt } from './wait-due';
import { workflowVersion } from './workflow-cache';
import './engine-messages';

export interface RunnerOptions {
  env: Env;
  database: Database;
  /** Sends jobs for actions that queue work. */
  send: JobSender;
  /** The engine's clock (tests and the bench move it). */
  now?: Date;
  /** Runs picked per round (default 500). */
  batchSize?: number;
  /** Runs advanced at once on PostgreSQL (default 8; PGlite runs one at a time). */
  concurrency?: number;
  /** Stop after this many rounds (default: until no run is ready). */
  maxRounds?: number;
}

/** Steps one run takes in a row before yielding to others (a long chain of actions continues next round). */
const STEPS_PER_TURN = 50;
/** Runs a worker takes at once (one batch transaction). */
const RUNS_PER_BATCH = 100;

/**
 * Advances every ready run (status running, ready_at <= now), oldest first: through successful
 * actions in batches (see run-action-batch.ts), otherwise each step in its own transaction. Returns how many steps ran. The engine job calls it after each timer sweep;
 * the bench calls it directly.
 */
export async function processReadyRuns(options: RunnerOptions): Promise<{ runs: number; steps: number }> {
  const now = options.now ?? new Date();
  const caches: TurnCaches = { actors: new Map(), locales: new Map() };
  const concurrency = options.database.kind === 'pglite' ? 1 : Math.max(1, options.concurrency ?? 8);
  let runs = 0;
  let steps = 0;
  for (let round = 0; options.maxRounds === undefined || round < options.maxRounds; round += 1) {
    const ready = await options.database.query<{ workspace_id: string; id: string }>(
      `select workspace_id, id from workflow_runs where status = 'running' and ready_at <= $1 order by ready_at limit $2`,
      [now.toISOString(), options.batchSize ?? 500],
    );
    if (ready.length === 0) break;
    let progressed = 0;
    let next = 0;
    // Each worker takes a slice: the batch path advances runs through successful actions with
    // a few set-based statements; the rest (and all of a slice whose batch failed) go step by step.
    const worker = async () => {
      while (next < ready.length) {
        const slice = ready.slice(next, next + RUNS_PER_BATCH);
        next += slice.length;
        const fast = await runActionBatch(options, caches, slice, now);
        if (fast) {
          steps += fast.steps;
          progressed += fast.advanced.size;
        }
        for (const run of slice) {
          if (fast && fast.advanced.has(run.id) && !fast.stillReady.has(run.id)) continue;
          const taken = await advanceRun(options, caches, run.workspace_id, run.id, now);
          if (taken > 0 && !fast?.advanced.has(run.id)) progressed += 1;
          steps += taken;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, ready.length) }, worker));
    runs += progressed;
    // Every picked run was busy elsewhere (another worker holds it): let that worker finish.
    if (progressed === 0) break;
  }
  return { runs, steps };
}

export interface TurnCaches {
  actors: Map<string, Promise<Actor | null>>;
  locales: Map<string, Promise<Locale>>;
}

type StepResult = 'continue' | 'stop';

/** Runs the steps of one run until it waits, ends, fails, backs off, or used its turn. Returns steps taken. */
export async function advanceRun(options: RunnerOptions, caches: TurnCaches, workspaceId: string, runId: string, now: Date): Promise<number> {
  const begin = options.database.db;
  let taken = 0;
  // Outputs of the run's steps, carried from step to step within the turn (read once otherwise).
  const turn: Turn = { outputs: null };
  while (taken < STEPS_PER_TURN) {
    let result: StepResult | 'busy';
    try {
      result = await begin.transaction((tx) => runOneStep(options, caches, tx, workspaceId, runId, now, turn));
    } catch (error) {
      if (!(error instanceof ActionFailed)) throw error;
      // The action's transaction is gone with what it did; the failure is kept in a new one.
      result = await begin.transaction((tx) => recordActionFailure(options, caches, tx, workspaceId, runId, now, error));
      turn.outputs = null;
    }
    if (result === 'busy') break;
    taken += 1;
    if (result === 'stop') break;
  }
  return taken;
}

interface Turn {
  outputs: Record<string, Record<string, unknown>> | null;
}

/** An action threw: carries what the failure step records. */
class ActionFailed extends Error {
  constructor(readonly nodeId: string, readonly iteration: number, readonly attempt: number, readonly input: Record<string, unknown>, readonly failure: unknown) {
    super('action failed');
  }
}

/** Locks a ready run and loads its current step (null when the run is not there to advance). */
async function claimRun(options: RunnerOptions, caches: TurnCaches, tx: Tx, workspaceId: string, runId: string, now: Date): Promise<Step | StepResult | 'busy'> {
  const [run] = await tx
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.workspaceId, workspaceId), eq(workflowRuns.id, runId)))
    .for('update', { skipLocked: true });
  if (!run) return 'busy';
  if (run.status !== 'running' || !run.readyAt || run.readyAt > now) return 'stop';
  const version = await workflowVersion(tx, workspaceId, run.workflowId, run.workflowVersion);
  const node = version && run.currentNodeId ? nodeById(version.graph, run.currentNodeId) : undefined;
  if (!version || !node) {
    await finishRun(tx, run, 'completed', now);
    return 'stop';
  }
  const [existing] = await tx
    .select()
    .from(workflowSteps)
    .where(and(eq(workflowSteps.workspaceId, workspaceId), eq(workflowSteps.runId, runId), eq(workflowSteps.nodeId, node.id), eq(workflowSteps.iteration, run.currentIteration)));
  // Done before (a redelivery after the commit of this very step): only move on.
  if (existing?.status === 'completed') return advance(tx, run, version.graph, node, existing.outcome, now);
  return { tx, run, node, existing, graph: version.graph, now, options, caches, runAsUserId: version.runAsUserId };
}

async function runOneStep(options: RunnerOptions, caches: TurnCaches, tx: Tx, workspaceId: string, runId: string, now: Date, turn: Turn): Promise<StepResult | 'busy'> {
  const step = await claimRun(options, caches, tx, workspaceId, runId, now);
  if (typeof step === 'string') return step;
  const { run, node } = step;
  switch (node.type) {
    case 'end':
      await saveStep(step, { status: 'completed' });
      await finishRun(tx, run, 'completed', now);
      return 'stop';
    case 'condition':
    case 'branch':
      return decide(step);
    case 'wait':
      return waitStep(step);
    case 'action':
      return actionStep(step, turn);
    default:
      return advance(tx, run, step.graph, node, null, now);
  }
}

interface Step {
  tx: Tx;
  run: WorkflowRunRow;
  node: TWorkflowNode;
  existing: WorkflowStepRow | undefined;
  graph: TWorkflowGraph;
  now: Date;
  options: RunnerOptions;
  caches: TurnCaches;
  runAsUserId: string;
}

/** Inserts or updates the step row of (run, node, iteration). */
async function saveStep(step: Step, values: Partial<typeof workflowSteps.$inferInsert>): Promise<string> {
  const { tx, run, node, existing, now } = step;
  const finished = values.status === 'completed' || values.status === 'failed' ? { finishedAt: now } : {};
  if (existing) {
    await tx.update(workflowSteps).set({ ...values, ...finished }).where(and(eq(workflowSteps.workspaceId, run.workspaceId), eq(workflowSteps.id, existing.id)));
    return existing.id;
  }
  const id = newId();
  await tx.insert(workflowSteps).values({ workspaceId: run.workspaceId, id, runId: run.id, nodeId: node.id, iteration: run.currentIteration, type: node.type, status: 'running', attempt: 1, startedAt: now, ...values, ...finished });
  return id;
}

/** Moves the run to the step a way out leads to, or completes it when none does. */
async function advance(tx: Tx, run: WorkflowRunRow, graph: TWorkflowGraph, node: TWorkflowNode, handle: string | null, now: Date): Promise<StepResult> {
  const next = nextNodeId(graph, node.id, handle);
  if (!next) {
    await finishRun(tx, run, 'completed', now);
    return 'stop';
  }
  const iteration = run.visits[next] ?? 0;
  await tx
    .update(workflowRuns)
    .set({ currentNodeId: next, currentIteration: iteration, visits: { ...run.visits, [next]: iteration + 1 }, readyAt: now, status: 'running' })
    .where(and(eq(workflowRuns.workspaceId, run.workspaceId), eq(workflowRuns.id, run.id)));
  return 'continue';
}

async function finishRun(tx: Tx, run: WorkflowRunRow, status: 'completed' | 'failed', now: Date, error: WorkflowRunRow['error'] = null): Promise<void> {
  await tx
    .update(workflowRuns)
    .set({ status, error, readyAt: null, waitingUntil: null, finishedAt: now })
    .where(and(eq(workflowRuns.workspaceId, run.workspaceId), eq(workflowRuns.id, run.id)));
}

async function failRun(step: Step, error: NonNullable<WorkflowRunRow['error']>, stepValues: Partial<typeof workflowSteps.$inferInsert> = {}): Promise<StepResult> {
  const locale = await localeOf(step);
  await saveStep(step, { status: 'failed', error: translate(locale, error.key, error.params ?? {}), ...stepValues });
  await finishRun(step.tx, step.run, 'failed', step.now, error);
  return 'stop';
}

/** The run's record as it is now; null (and the run failed) when it was deleted. */
async function freshRecord(step: Step): Promise<{ values: Record<string, unknown> | null; missing: boolean }> {
  const { run, tx } = step;
  if (!run.object || !run.recordId) return { values: null, missing: false };
  const source = workflowRecordSource(run.object);
  if (!source) return { values: null, missing: true };
  const values = (await source.load(tx, run.workspaceId, [run.recordId])).get(run.recordId) ?? null;
  return { values, missing: values === null };
}

async function decide(step: Step): Promise<StepResult> {
  const { run, node, tx } = step;
  const record = await freshRecord(step);
  if (record.missing || !run.object || !run.recordId) return failRun(step, { key: 'workflow.run.record_deleted' });
  const locale = await localeOf(step);
  let outcome: string;
  if (node.type === 'condition') {
    const matched = await recordsMatching(tx, run.workspaceId, run.object, [run.recordId], node.rules, { locale });
    outcome = matched.has(run.recordId) ? 'true' : 'false';
  } else {
    outcome = 'else';
    for (const way of node.branches ?? []) {
      if ((await recordsMatching(tx, run.workspaceId, run.object, [run.recordId], way.rules, { locale })).has(run.recordId)) { outcome = way.key; break; }
    }
  }
  await saveStep(step, { status: 'completed', outcome, input: node.type === 'condition' ? node.rules : node.branches });
  return advance(tx, run, step.graph, node, outcome, step.now);
}

async function waitStep(step: Step): Promise<StepResult> {
  const { run, node, tx, now, existing } = step;
  if (existing?.status === 'waiting') {
    const [wait] = await tx.select().from(workflowWaits).where(and(eq(workflowWaits.workspaceId, run.workspaceId), eq(workflowWaits.stepId, existing.id), eq(workflowWaits.status, 'fired')));
    if (!wait) {
      // Woken without a fired wait (a replay, a lost race): back to waiting.
      await tx.update(workflowRuns).set({ status: 'waiting', readyAt: null }).where(and(eq(workflowRuns.workspaceId, run.workspaceId), eq(workflowRuns.id, run.id)));
      return 'stop';
    }
    await saveStep(step, { status: 'completed', outcome: wait.outcome, output: { firedAt: wait.firedAt?.toISOString() ?? null, outcome: wait.outcome } });
    return advance(tx, run, step.graph, node, wait.outcome, now);
  }
  const spec = node.wait!;
  const record = spec.mode === 'until' && spec.until?.field ? await freshRecord(step) : { values: null, missing: false };
  if (record.missing) return failRun(step, { key: 'workflow.run.record_deleted' });
  const dueAt = waitDueAt(spec, now, record.values);
  const stepId = await saveStep(step, { status: 'waiting', input: spec, output: { dueAt: dueAt?.toISOString() ?? null } });
  const correlationKey = spec.mode === 'event' && spec.event ? correlationKeyFor(spec.event, run) : null;
  await tx.insert(workflowWaits).values({
    workspaceId: run.workspaceId, id: newId(), runId: run.id, stepId, dueAt,
    dueOutcome: spec.mode === 'event' ? 'timeout' : null,
    event: spec.mode === 'event' ? spec.event ?? null : null,
    correlationKey,
  });
  await tx.update(workflowRuns).set({ status: 'waiting', readyAt: null, waitingUntil: dueAt }).where(and(eq(workflowRuns.workspaceId, run.workspaceId), eq(workflowRuns.id, run.id)));
  return 'stop';
}

/** How an event finds this run: by its run id when the event carries one, else by the run's record. */
export function correlationKeyFor(event: string, run: Pick<WorkflowRunRow, 'id' | 'recordId'>): string | null {
  const def = workflowEvent(event);
  if (def?.correlate.runIdKey) return `run:${run.id}`;
  if (def?.correlate.recordIdKey && run.recordId) return `record:${run.recordId}`;
  return null;
}

async function actionStep(step: Step, turn: Turn): Promise<StepResult> {
  const { run, node, tx, now, options } = step;
  const action = node.action ? workflowAction(node.action) : undefined;
  if (!action) return failRun(step, { key: 'workflow.run.action_unknown', params: { action: node.action ?? '' } });
  const actor = await actorOf(step);
  if (!actor.ok) return failRun(step, actor.error);
  const record = await freshRecord(step);
  if (record.missing) return failRun(step, { key: 'workflow.run.record_deleted' });
  const parsed = action.input.safeParse(node.input ?? {});
  const locale = await localeOf(step);
  if (!parsed.success) return failRun(step, { key: 'workflow.run.step_failed', params: { step: node.label ?? action.labels[locale], message: parsed.error.message } });
  const attempt = (step.existing?.attempt ?? 0) + 1;
  const input = parsed.data as Record<string, unknown>;
  const ctx: Context = { env: options.env, database: options.database, db: tx, workspaceId: run.workspaceId, actor: actor.actor, locale };
  turn.outputs ??= await earlierOutputs(step);
  const steps = turn.outputs;
  const scope = { record: record.values, trigger: run.trigger, steps };
  const actx: WorkflowActionContext = {
    ctx,
    workflowId: run.workflowId,
    runId: run.id,
    stepId: node.id,
    idempotencyKey: `${run.id}:${node.id}:${run.currentIteration}`,
    record: run.object && run.recordId && record.values ? { object: run.object, id: run.recordId, values: record.values } : null,
    trigger: run.trigger,
    steps,
    now,
    jobs: options.send,
    merge: (text) => mergeText(text, scope, tx),
  };
  let output: Record<string, unknown>;
  try {
    output = await withEventCause({ runId: run.id, depth: run.depth + 1 }, () => action.run(actx, parsed.data));
  } catch (failure) {
    throw new ActionFailed(node.id, run.currentIteration, attempt, input, failure);
  }
  await saveStep(step, { status: 'completed', attempt, input, output, error: null });
  steps[node.id] = output;
  return advance(tx, run, step.graph, node, null, now);
}

/** A failed action: retried with backoff (the run waits until then), or the run fails when no retry is left. */
async function recordActionFailure(options: RunnerOptions, caches: TurnCaches, tx: Tx, workspaceId: string, runId: string, now: Date, failed: ActionFailed): Promise<StepResult | 'busy'> {
  const step = await claimRun(options, caches, tx, workspaceId, runId, now);
  if (typeof step === 'string') return step;
  const { run, node } = step;
  if (node.id !== failed.nodeId || run.currentIteration !== failed.iteration) return 'stop';
  const locale = await localeOf(step);
  const message = errorMessage(failed.failure, locale);
  const { attempt, input } = failed;
  // The record went away while the action ran: nothing to retry.
  if (run.object && run.recordId && (await freshRecord(step)).missing) return failRun(step, { key: 'workflow.run.record_deleted' }, { attempt, input });
  if (attempt <= options.env.WORKFLOW_STEP_RETRIES) {
    const delay = options.env.WORKFLOW_RETRY_DELAY_SECONDS * 1000 * 2 ** (attempt - 1);
    await saveStep(step, { status: 'running', attempt, input, error: message });
    await tx.update(workflowRuns).set({ readyAt: new Date(now.getTime() + delay) }).where(and(eq(workflowRuns.workspaceId, run.workspaceId), eq(workflowRuns.id, run.id)));
    return 'stop';
  }
  const title = node.label ?? (node.action ? workflowAction(node.action)?.labels[locale] : undefined) ?? node.id;
  return failRun(step, { key: 'workflow.run.step_failed', params: { step: title, message } }, { attempt, input });
}

function errorMessage(error: unknown, locale: Locale): string {
  if (error instanceof AppError) {
    if (error.explicitMessage) return error.message;
    const fields = (error.details as { fields?: Array<{ message: string }> } | undefined)?.fields;
    if (fields?.length) return fields.map((f) => f.message).join(' ');
    return translate(locale, `errors.${error.code}`, error.params ?? {});
  }
  return error instanceof Error ? error.message : String(error);
}

/** The version's run-as user, who must still be an active member allowed to manage workflows. */
async function actorOf(step: Step): Promise<{ ok: true; actor: Actor } | { ok: false; error: NonNullable<WorkflowRunRow['error']> }> {
  const { run, tx, caches, runAsUserId } = step;
  const key = `${run.workspaceId}:${runAsUserId}`;
  let loaded = caches.actors.get(key);
  if (!loaded) {
    loaded = loadActor(tx, run.workspaceId, runAsUserId);
    caches.actors.set(key, loaded);
  }
  const actor = await loaded;
  if (actor && hasCapability(actor, MANAGE_WORKFLOWS)) return { ok: true, actor };
  const [user] = await tx.select({ name: schema.users.name }).from(schema.users).where(eq(schema.users.id, runAsUserId));
  return { ok: false, error: { key: actor ? 'workflow.run.run_as_no_right' : 'workflow.run.run_as_gone', params: { name: user?.name ?? runAsUserId } } };
}

async function localeOf(step: Step): Promise<Locale> {
  const { run, tx, caches } = step;
  let locale = caches.locales.get(run.workspaceId);
  if (!locale) {
    locale = tx.select({ locale: schema.workspaces.defaultLocale }).from(schema.workspaces).where(eq(schema.workspaces.id, run.workspaceId)).then(([w]) => (isLocale(w?.locale) ? w.locale : 'en'));
    caches.locales.set(run.workspaceId, locale);
  }
  return locale;
}

/** Outputs of the run's completed steps, by node id (the latest iteration wins); no query when only the trigger ran before. */
async function earlierOutputs(step: Step): Promise<Record<string, Record<string, unknown>>> {
  const { run, tx, graph } = step;
  const trigger = triggerOf(graph);
  const visited = Object.keys(run.visits);
  if (trigger && visited.length <= 2 && run.currentIteration === 0 && visited.every((id) => id === trigger.id || id === run.currentNodeId)) return { [trigger.id]: run.trigger };
  const rows = await tx
    .select({ nodeId: workflowSteps.nodeId, output: workflowSteps.output })
    .from(workflowSteps)
    .where(and(eq(workflowSteps.workspaceId, run.workspaceId), eq(workflowSteps.runId, run.id), eq(workflowSteps.status, 'completed'), sql`${workflowSteps.output} is not null`))
    .orderBy(workflowSteps.iteration);
  return Object.fromEntries(rows.map((r) => [r.nodeId, (r.output ?? {}) as Record<string, unknown>]));
}
