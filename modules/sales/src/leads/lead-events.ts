import { emitEvents, type Context } from '@voyage/kernel';
import { LEAD_EVENTS } from '@voyage/contracts';
import type { LeadRow } from '../db/leads';

export type LeadEventKind = keyof typeof LEAD_EVENTS;

/** Emits lead events through the outbox, in the caller's transaction. */
export async function emitLeadEvents(ctx: Context, kind: LeadEventKind, list: Array<Pick<LeadRow, 'id' | 'ownerId' | 'status'> & Record<string, unknown>>, extra: Record<string, unknown> = {}): Promise<void> {
  if (list.length === 0) return;
  await emitEvents(ctx.db, list.map((l) => ({ workspaceId: ctx.workspaceId, event: LEAD_EVENTS[kind], payload: { id: l.id, ownerId: l.ownerId, status: l.status, ...extra }, actorUserId: ctx.actor.userId })));
}
