import { AsyncLocalStorage } from 'node:async_hooks';
import { outbox } from '../db/schema';
import type { Queryable } from '../db/client';
import { newId } from '../ids';
import { insertRows } from '../records/insert-rows';

/** A domain event as stored in the outbox and handed to subscribers. */
export interface DomainEvent<P = Record<string, unknown>> {
  id: string;
  workspaceId: string;
  /** `<module>.<entity>.<past-tense>`, e.g. `platform.custom_field.created` */
  event: string;
  eventVersion: number;
  payload: P;
  actorUserId: string | null;
  occurredAt: Date;
  /** Set when a workflow run's action caused the event: its run and nesting depth. */
  cause?: EventCause | null;
}

/** The workflow run an event comes from, carried into the runs it starts (loop protection). */
export interface EventCause {
  runId: string;
  depth: number;
}

/** The ambient cause: one for every event, or one per record (`payload.id`) with a fallback. */
interface CauseScope {
  cause: EventCause;
  byRecord?: Map<string, EventCause>;
}

const causes = new AsyncLocalStorage<CauseScope>();

/** Runs `fn` so that every event it emits records `cause` (the workflow engine wraps its actions in it). */
export function withEventCause<T>(cause: EventCause, fn: () => Promise<T>): Promise<T> {
  return causes.run({ cause }, fn);
}

/**
 * Runs `fn` for several workflow runs at once: an event about record X (its `payload.id`)
 * records the cause of the run acting on X, any other event `fallback`.
 */
export function withEventCauses<T>(byRecord: Map<string, EventCause>, fallback: EventCause, fn: () => Promise<T>): Promise<T> {
  return causes.run({ cause: fallback, byRecord }, fn);
}

function ambientCause(payload: unknown): EventCause | null {
  const scope = causes.getStore();
  if (!scope) return null;
  const id = payload && typeof payload === 'object' ? (payload as { id?: unknown }).id : undefined;
  return (typeof id === 'string' ? scope.byRecord?.get(id) : undefined) ?? scope.cause;
}

export interface EmitInput<P = Record<string, unknown>> {
  workspaceId: string;
  event: string;
  payload: P;
  eventVersion?: number;
  actorUserId?: string | null;
  /** Defaults to the cause set by `withEventCause` around the call. */
  cause?: EventCause | null;
}

/**
 * Writes events to the outbox. Call inside the transaction of the change, so there is
 * no event without its change and no change without its event.
 */
export async function emitEvents(db: Queryable, events: EmitInput | EmitInput[]): Promise<string[]> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return [];
  const rows = list.map((e) => ({
    workspaceId: e.workspaceId,
    id: newId(),
    event: e.event,
    eventVersion: e.eventVersion ?? 1,
    payload: e.payload as Record<string, unknown>,
    actorUserId: e.actorUserId ?? null,
    cause: e.cause ?? ambientCause(e.payload),
  }));
  await insertRows(db, outbox, rows);
  return rows.map((r) => r.id);
}
