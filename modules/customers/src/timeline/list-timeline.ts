import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { TTimelineEntry, TTimelineResponse } from '@voyage/contracts';
import { decodePairCursor, encodePairCursor, fieldRule, maskValue, schema, scopedWhere, type Actor, type Context } from '@voyage/kernel';
import { contacts } from '../db/schema';
import { timelineEntries } from '../db/timeline';
import { findSubject, type SubjectType } from '../follow-ups/find-subject';
import type { FieldChange } from './field-changes';

export interface TimelineQuery {
  kinds?: string;
  cursor?: string;
  limit: number;
}

/** Field changes as this actor may see them: hidden fields left out, masked ones masked. */
function secureChanges(actor: Actor, object: SubjectType, changes: FieldChange[]): FieldChange[] {
  return changes.flatMap((c) => {
    const rule = fieldRule(actor, object, c.field);
    if (rule === 'hidden') return [];
    if (rule === 'masked') return [{ field: c.field, old: maskValue(c.old), new: maskValue(c.new), masked: true }];
    return [c];
  });
}

/**
 * The timeline of a contact or account the actor may see (404 otherwise), newest first, with a
 * keyset cursor on (occurred_at, id). `kinds` narrows to some kinds: `follow_up,field_change`.
 */
export async function listTimeline(ctx: Context, type: SubjectType, id: string, query: TimelineQuery): Promise<TTimelineResponse> {
  const subject = await findSubject(ctx, type, id);
  const t = timelineEntries;
  const conditions = [eq(t.workspaceId, ctx.workspaceId), eq(t.subjectType, subject.type), eq(t.subjectId, subject.id)];
  const kinds = (query.kinds ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  if (kinds.length) conditions.push(inArray(t.kind, kinds));
  if (query.cursor) {
    const [at, cursorId] = decodePairCursor(query.cursor, ctx.locale, 'timestamp');
    conditions.push(sql`(${t.occurredAt}, ${t.id}) < (${at}::timestamptz, ${cursorId}::uuid)`);
  }
  const rows = await ctx.db
    .select({ entry: t, at: sql<string>`${t.occurredAt}::text`, actorName: schema.users.name })
    .from(t)
    .leftJoin(schema.users, eq(schema.users.id, t.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(t.occurredAt), desc(t.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const hiddenVia = await invisibleContacts(ctx, page.map((r) => r.entry));
  const data: TTimelineEntry[] = [];
  for (const { entry, actorName } of page) {
    // A contact's follow-up also shows on its account; only to those who may see the contact.
    if (hiddenVia.has(viaContact(entry) ?? '')) continue;
    let entryData = entry.data;
    if (entry.kind === 'field_change') {
      const changes = secureChanges(ctx.actor, subject.type, (entry.data.changes ?? []) as FieldChange[]);
      // An entry whose every change is hidden from this actor says nothing they may know.
      if (changes.length === 0) continue;
      entryData = { ...entry.data, changes };
    }
    data.push({
      id: entry.id, subjectType: entry.subjectType, subjectId: entry.subjectId, kind: entry.kind, occurredAt: entry.occurredAt.toISOString(),
      actorUserId: entry.actorUserId, actorName: actorName ?? null, title: entry.title, body: entry.body, data: entryData,
    });
  }
  return { data, nextCursor: rows.length > query.limit && last ? encodePairCursor(last.at, last.entry.id) : null };
}

function viaContact(entry: typeof timelineEntries.$inferSelect): string | undefined {
  const via = entry.data.via as { type?: string; id?: string } | undefined;
  return via?.type === 'contact' && typeof via.id === 'string' ? via.id : undefined;
}

/** Contacts named by entries' `via` that the actor may not see (outside their data scope). */
async function invisibleContacts(ctx: Context, entries: Array<typeof timelineEntries.$inferSelect>): Promise<Set<string>> {
  const ids = [...new Set(entries.map(viaContact).filter((id): id is string => Boolean(id)))];
  if (!ids.length) return new Set();
  const visible = await ctx.db.select({ id: contacts.id }).from(contacts).where(and(await scopedWhere(ctx, contacts, 'contact', { includeDeleted: true }), inArray(contacts.id, ids)));
  const seen = new Set(visible.map((r) => r.id));
  return new Set(ids.filter((id) => !seen.has(id)));
}
