import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { TFollowUpListResponse } from '@voyage/contracts';
import { decodePairCursor, encodePairCursor, type Context } from '@voyage/kernel';
import { followUps } from '../db/timeline';
import { findSubject, type SubjectType } from './find-subject';
import { followUpsToWire } from './follow-up-wire';

/** The follow-ups of one visible contact or account, newest first (keyset on occurred_at, id). */
export async function listFollowUps(ctx: Context, query: { subjectType: SubjectType; subjectId: string; cursor?: string; limit: number }): Promise<TFollowUpListResponse> {
  const subject = await findSubject(ctx, query.subjectType, query.subjectId);
  const conditions = [eq(followUps.workspaceId, ctx.workspaceId), eq(followUps.subjectType, subject.type), eq(followUps.subjectId, subject.id), isNull(followUps.deletedAt)];
  if (query.cursor) {
    const [at, id] = decodePairCursor(query.cursor, ctx.locale, 'timestamp');
    conditions.push(sql`(${followUps.occurredAt}, ${followUps.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await ctx.db.select({ row: followUps, at: sql<string>`${followUps.occurredAt}::text` }).from(followUps).where(and(...conditions)).orderBy(desc(followUps.occurredAt), desc(followUps.id)).limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { data: await followUpsToWire(ctx.db, ctx.workspaceId, page.map((r) => r.row)), nextCursor: rows.length > query.limit && last ? encodePairCursor(last.at, last.row.id) : null };
}
