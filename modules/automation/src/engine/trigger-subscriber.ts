import type { TWorkflowTrigger } from '@voyage/contracts';
import { workflowEvent, workflowEvents, workflowRecordSources, type DomainEvent, type Env, type ModuleSubscriber, type Queryable, type WorkflowRecordSource } from '@voyage/kernel';
import { triggerOf } from './graph';
import { recordsMatching } from './record-rules';
import { startRuns, type RunRequest, type StartedRuns } from './start-runs';
import { fireEventWaits } from './sweep-timers';
import { liveWorkflows, type LiveWorkflow } from './workflow-cache';
import { WORKFLOW_ENGINE_JOB } from './engine-jobs';

/** The record kind an outbox event is about, and which of its events it is. */
function recordEventOf(event: string): { source: WorkflowRecordSource; kind: 'created' | 'updated' } | null {
  for (const source of workflowRecordSources()) {
    if (source.events.created === event) return { source, kind: 'created' };
    if (source.events.updated === event) return { source, kind: 'updated' };
  }
  return null;
}

/** Whether `value` is one of the trigger's wanted values (a value or a list; absent = any). */
function wanted(want: unknown, value: unknown): boolean {
  if (want === undefined || want === null || want === '') return true;
  const list = Array.isArray(want) ? want : [want];
  return list.some((w) => String(w) === String(value ?? ''));
}

/** Whether a workflow's trigger fires for the event, before its filter rules; and the record it is about. */
function triggerRecord(trigger: TWorkflowTrigger, event: DomainEvent): { object: string | null; recordId: string | null } | null {
  const payload = event.payload;
  if (trigger.kind === 'event') {
    if (trigger.event !== event.event) return null;
    const def = workflowEvent(event.event);
    const id = def?.correlate.recordIdKey ? payload[def.correlate.recordIdKey] : undefined;
    return { object: def?.object ?? null, recordId: def?.object && typeof id === 'string' ? id : null };
  }
  const found = recordEventOf(event.event);
  if (!found || found.source.object !== trigger.object || typeof payload.id !== 'string') return null;
  const record = { object: found.source.object, recordId: payload.id };
  if (trigger.kind === 'record_created') return found.kind === 'created' ? record : null;
  if (trigger.kind === 'record_updated') return found.kind === 'updated' ? record : null;
  if (trigger.kind === 'field_changed') {
    if (found.kind !== 'updated' || !trigger.field) return null;
    const changes = (payload.changes ?? {}) as Record<string, unknown>;
    const previous = (payload.previous ?? {}) as Record<string, unknown>;
    if (!(trigger.field in changes)) return null;
    return wanted(trigger.from, previous[trigger.field]) && wanted(trigger.to, changes[trigger.field]) ? record : null;
  }
  return null;
}

/**
 * Starts the runs a batch of outbox events triggers, in the caller's transaction: record
 * created/updated and field changes of record sources, and catalogue events. One run per
 * (workflow, event id), so a redelivered event starts nothing new; filter rules run against the
 * record as it is. Depth comes from the event's cause (an event a run's action caused).
 * Events waited for resume the runs they correlate with. The bench calls this directly.
 */
export async function startRunsForEvents(db: Queryable, env: Env, workspaceId: string, events: DomainEvent[], now = new Date()): Promise<StartedRuns & { resumed: number }> {
  const live = await liveWorkflows(db, workspaceId);
  const candidates: Array<{ workflow: LiveWorkflow; trigger: TWorkflowTrigger; object: string | null; recordId: string | null; event: DomainEvent }> = [];
  let resumed = 0;
  for (const event of events) {
    for (const workflow of live) {
      const trigger = triggerOf(workflow.graph)?.trigger;
      if (!trigger) continue;
      const hit = triggerRecord(trigger, event);
      if (hit) candidates.push({ workflow, trigger, ...hit, event });
    }
    const def = workflowEvent(event.event);
    if (def) {
      const keys: string[] = [];
      const runId = def.correlate.runIdKey ? event.payload[def.correlate.runIdKey] : undefined;
      const recordId = def.correlate.recordIdKey ? event.payload[def.correlate.recordIdKey] : undefined;
      if (typeof runId === 'string') keys.push(`run:${runId}`);
      if (typeof recordId === 'string') keys.push(`record:${recordId}`);
      resumed += await fireEventWaits(db, workspaceId, event.event, keys, now);
    }
  }
  // Filter rules: one query per workflow for all the round's records, not one per event.
  const passing = new Map<string, Set<string>>();
  for (const workflow of live) {
    const trigger = triggerOf(workflow.graph)?.trigger;
    const mine = candidates.filter((c) => c.workflow === workflow && c.object && c.recordId);
    if (!trigger?.filter?.rules.length || mine.length === 0) continue;
    passing.set(workflow.id, await recordsMatching(db, workspaceId, mine[0].object!, [...new Set(mine.map((c) => c.recordId!))], trigger.filter, { locale: 'en' }));
  }
  const requests: RunRequest[] = [];
  for (const m of candidates) {
    if (m.trigger.filter && m.trigger.filter.rules.length > 0 && !(m.recordId && passing.get(m.workflow.id)?.has(m.recordId))) continue;
    requests.push({
      workflowId: m.workflow.id, version: m.workflow.version, graph: m.workflow.graph, object: m.object, recordId: m.recordId,
      trigger: { event: m.event.event, eventId: m.event.id, ...m.event.payload }, dedupeKey: `event:${m.event.id}`, depth: m.event.cause?.depth ?? 0,
    });
  }
  const started = await startRuns(db, env, workspaceId, requests, now);
  return { ...started, resumed };
}

/** The events the engine listens to, read from the catalogue each time (modules register theirs at start). */
function triggerEvents(): string[] {
  const names = new Set<string>();
  for (const source of workflowRecordSources()) {
    if (source.events.created) names.add(source.events.created);
    if (source.events.updated) names.add(source.events.updated);
  }
  for (const e of workflowEvents()) names.add(e.event);
  return [...names];
}

export const workflowTriggerSubscriber: ModuleSubscriber = {
  name: 'automation.workflow_triggers',
  get events() {
    return triggerEvents();
  },
  // Runs it started are ready at once: the engine takes them now, not at its next one-second sweep.
  wakes: [WORKFLOW_ENGINE_JOB],
  async handle(ctx, event) {
    await startRunsForEvents(ctx.db, ctx.env, ctx.workspaceId, [event]);
  },
  // A round of events in one transaction: one loop-cap query and one insert for all their runs.
  async handleBatch(ctx, events) {
    await startRunsForEvents(ctx.db, ctx.env, ctx.workspaceId, events);
  },
};
