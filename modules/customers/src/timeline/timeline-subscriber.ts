import { and, eq, isNull, like } from 'drizzle-orm';
import { CUSTOMER_EVENTS, CUSTOMERS_TIMELINE_APPEND, ZTimelineAppendEvent } from '@voyage/contracts';
import { insertRows, newId, translate, type DomainEvent, type ModuleSubscriber, type Queryable, type SystemContext } from '@voyage/kernel';
import { contacts } from '../db/schema';
import { followUps, timelineEntries } from '../db/timeline';
import { CONTACT_EMAIL_SENT_EVENT, FOLLOW_UP_EVENTS, type FollowUpEventPayload } from '../follow-ups/follow-up-events';
import { fieldChanges } from './field-changes';

type Entry = Omit<typeof timelineEntries.$inferInsert, 'workspaceId' | 'id'>;

async function append(db: Queryable, workspaceId: string, entries: Entry[]): Promise<void> {
  if (entries.length === 0) return;
  // A redelivered event finds its entries there already.
  await insertRows(db, timelineEntries, entries.map((e) => ({ ...e, workspaceId, id: newId() })), { onConflictDoNothing: true });
}

/** The entry a contact or account created/updated event leaves (none for an update that changed no shown field). */
function recordEntry(ctx: SystemContext, event: DomainEvent): Entry | null {
  const p = event.payload as { id: string; object: 'contact' | 'account'; changes?: Record<string, unknown>; previous?: Record<string, unknown> };
  const base = { subjectType: p.object, subjectId: p.id, occurredAt: event.occurredAt, actorUserId: event.actorUserId, sourceEventId: `${event.id}:${p.id}` };
  if (event.event.endsWith('.created')) {
    return { ...base, kind: 'record_created', title: translate(ctx.locale, 'timeline.record_created', { object: translate(ctx.locale, `timeline.object.${p.object}`) }) };
  }
  const changes = fieldChanges(p.previous ?? {}, p.changes ?? {});
  if (changes.length === 0) return null;
  return { ...base, kind: 'field_change', title: translate(ctx.locale, 'timeline.field_change', { count: changes.length }), data: { changes } };
}

const RECORD_EVENTS: ReadonlySet<string> = new Set([CUSTOMER_EVENTS.contactCreated, CUSTOMER_EVENTS.contactUpdated, CUSTOMER_EVENTS.accountCreated, CUSTOMER_EVENTS.accountUpdated]);

/**
 * Follow-up entries mirror the follow-up as it is now, so the handler reads the row rather
 * than the event: redelivered or out-of-order events all converge on the current state. A
 * contact's follow-up also shows on its account's timeline.
 */
async function onFollowUpEvent(ctx: SystemContext, event: DomainEvent): Promise<void> {
  const p = event.payload as unknown as FollowUpEventPayload;
  const ws = event.workspaceId;
  await ctx.db.delete(timelineEntries).where(and(eq(timelineEntries.workspaceId, ws), like(timelineEntries.sourceEventId, `follow_up:${p.id}:%`)));
  const [row] = await ctx.db.select().from(followUps).where(and(eq(followUps.workspaceId, ws), eq(followUps.id, p.id), isNull(followUps.deletedAt)));
  if (!row) return;
  const subjects: Array<{ type: 'contact' | 'account'; id: string }> = [{ type: row.subjectType, id: row.subjectId }];
  if (row.subjectType === 'contact') {
    const [contact] = await ctx.db.select({ accountId: contacts.accountId }).from(contacts).where(and(eq(contacts.workspaceId, ws), eq(contacts.id, row.subjectId)));
    if (contact?.accountId) subjects.push({ type: 'account', id: contact.accountId });
  }
  await append(ctx.db, ws, subjects.map((s) => ({
    subjectType: s.type, subjectId: s.id, kind: 'follow_up', occurredAt: row.occurredAt, actorUserId: row.createdBy,
    title: translate(ctx.locale, `timeline.follow_up.${row.type}`), body: row.content,
    data: { followUpId: row.id, type: row.type, nextContactAt: row.nextContactAt?.toISOString() ?? null, ownerId: row.ownerId, ...(s.type !== row.subjectType ? { via: { type: row.subjectType, id: row.subjectId } } : {}) },
    sourceEventId: `follow_up:${row.id}:${s.id}`,
  })));
}

async function onEmailSent(ctx: SystemContext, event: DomainEvent): Promise<void> {
  const p = event.payload as { contactId?: string; subject?: string; messageId?: string; to?: string };
  if (!p.contactId) return;
  await append(ctx.db, event.workspaceId, [{
    subjectType: 'contact', subjectId: p.contactId, kind: 'email_sent', occurredAt: event.occurredAt, actorUserId: event.actorUserId,
    title: String(p.subject ?? ''), data: { messageId: p.messageId ?? null, to: p.to ?? null }, sourceEventId: `${event.id}:${p.contactId}`,
  }]);
}

/** An entry another module asks for (a deal moved…); its title key is translated here. */
async function onAppend(ctx: SystemContext, event: DomainEvent): Promise<void> {
  const parsed = ZTimelineAppendEvent.safeParse(event.payload);
  if (!parsed.success) return;
  const p = parsed.data;
  await append(ctx.db, event.workspaceId, [{
    subjectType: p.subjectType, subjectId: p.subjectId, kind: p.kind, occurredAt: event.occurredAt, actorUserId: event.actorUserId,
    title: translate(ctx.locale, p.title.key, p.title.params ?? {}), body: p.body ?? '', data: p.data ?? {}, sourceEventId: p.sourceId,
  }]);
}

/** Writes the timeline of contacts and accounts from domain events. */
export const timelineSubscriber: ModuleSubscriber = {
  name: 'customers.timeline',
  events: [CUSTOMER_EVENTS.contactCreated, CUSTOMER_EVENTS.contactUpdated, CUSTOMER_EVENTS.accountCreated, CUSTOMER_EVENTS.accountUpdated, ...Object.values(FOLLOW_UP_EVENTS), CONTACT_EMAIL_SENT_EVENT, CUSTOMERS_TIMELINE_APPEND],
  async handle(ctx, event) {
    if (event.event.startsWith('customers.follow_up.')) return onFollowUpEvent(ctx, event);
    if (event.event === CONTACT_EMAIL_SENT_EVENT) return onEmailSent(ctx, event);
    if (event.event === CUSTOMERS_TIMELINE_APPEND) return onAppend(ctx, event);
    const entry = recordEntry(ctx, event);
    if (entry) await append(ctx.db, event.workspaceId, [entry]);
  },
  // A round of events in one transaction: record events (most of them, e.g. a bulk change) in one insert, the rest in order.
  async handleBatch(ctx, events) {
    const entries: Entry[] = [];
    for (const event of events) {
      if (!RECORD_EVENTS.has(event.event)) {
        await timelineSubscriber.handle(ctx, event);
        continue;
      }
      const entry = recordEntry(ctx, event);
      if (entry) entries.push(entry);
    }
    await append(ctx.db, ctx.workspaceId, entries);
  },
};
