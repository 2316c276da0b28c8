import { outbox } from '../db/schema';
import type { Queryable } from '../db/client';
import { newId } from '../ids';

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
}

export interface EmitInput<P = Record<string, unknown>> {
  workspaceId: string;
  event: string;
  payload: P;
  eventVersion?: number;
  actorUserId?: string | null;
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
  }));
  await db.insert(outbox).values(rows);
  return rows.map((r) => r.id);
}
