import { and, count, eq, inArray } from 'drizzle-orm';
import { AppError, scopedWhere, translate, writeAudit, type Context } from '@voyage/kernel';
import type { TSegmentMembersChangeResponse } from '@voyage/contracts';
import type { contacts } from '../db/schema';
import { segmentMembers } from '../db/segments';
import { kindOf, loadSegment } from './segment-access';
import { segmentMemberIds } from './segment-member-ids';

export interface SegmentMembersChange {
  add?: string[];
  /** Snapshot the current members of another segment (as the actor sees them). */
  fromSegmentId?: string;
  remove?: string[];
}

/**
 * Adds records to or removes them from a static list (owner or admin). Only records the actor
 * can see are added; the others are reported as skipped.
 */
export async function changeSegmentMembers(ctx: Context, id: string, change: SegmentMembersChange): Promise<TSegmentMembersChangeResponse> {
  const segment = await loadSegment(ctx, id, { write: true });
  if (segment.kind !== 'static') throw new AppError('business_rule', { message: translate(ctx.locale, 'customers.segment_not_static') });
  const kind = kindOf(segment.object);
  const t = kind.table as typeof contacts;
  let wanted = [...new Set(change.add ?? [])];
  if (change.fromSegmentId) {
    const source = await loadSegment(ctx, change.fromSegmentId);
    if (source.object !== segment.object) throw new AppError('validation_failed', { details: { fields: [{ field: 'fromSegmentId', code: 'invalid', message: translate(ctx.locale, 'field.invalid', { field: 'fromSegmentId' }) }] } });
    let cursor: string | null = null;
    do {
      const page = await segmentMemberIds(ctx, source.id, { cursor, limit: 200 });
      wanted.push(...page.ids);
      cursor = page.nextCursor;
    } while (cursor && wanted.length < 50_000);
    wanted = [...new Set(wanted)];
  }
  const visible = new Set<string>();
  for (let i = 0; i < wanted.length; i += 1000) {
    const chunk = wanted.slice(i, i + 1000);
    const rows = await ctx.db.select({ id: t.id }).from(t).where(and(await scopedWhere(ctx, t, kind.object), inArray(t.id, chunk)));
    for (const r of rows) visible.add(r.id);
  }
  const remove = [...new Set(change.remove ?? [])];
  return ctx.database.db.transaction(async (tx) => {
    let added = 0;
    const toAdd = wanted.filter((rid) => visible.has(rid));
    for (let i = 0; i < toAdd.length; i += 1000) {
      const inserted = await tx.insert(segmentMembers)
        .values(toAdd.slice(i, i + 1000).map((recordId) => ({ workspaceId: ctx.workspaceId, segmentId: id, recordId, addedBy: ctx.actor.userId })))
        .onConflictDoNothing().returning({ recordId: segmentMembers.recordId });
      added += inserted.length;
    }
    const removed = remove.length
      ? (await tx.delete(segmentMembers).where(and(eq(segmentMembers.workspaceId, ctx.workspaceId), eq(segmentMembers.segmentId, id), inArray(segmentMembers.recordId, remove))).returning({ recordId: segmentMembers.recordId })).length
      : 0;
    if (added || removed) {
      await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'update', object: 'segment', recordId: id, summary: segment.name, newValues: { membersAdded: added, membersRemoved: removed }, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
    }
    const [total] = await tx.select({ n: count() }).from(segmentMembers).where(and(eq(segmentMembers.workspaceId, ctx.workspaceId), eq(segmentMembers.segmentId, id)));
    return { added, removed, skipped: wanted.filter((rid) => !visible.has(rid)).map((rid) => ({ id: rid, reason: 'not_found' as const })), count: Number(total.n) };
  });
}
