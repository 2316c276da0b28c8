import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '@voyage/kernel';
import { accounts, contacts } from '../db/schema';
import { followUps } from '../db/timeline';
import type { SubjectType } from './find-subject';

const SUMMARY_LENGTH = 200;

/**
 * Recomputes the record's last follow-up columns from its live follow-ups, in the caller's
 * transaction. The record's version and updated_at stay as they are: logging a call is not an
 * edit of the record, and must not make someone's open edit form stale.
 */
export async function refreshFollowUpColumns(db: Queryable, workspaceId: string, type: SubjectType, subjectId: string): Promise<void> {
  const live = and(eq(followUps.workspaceId, workspaceId), eq(followUps.subjectType, type), eq(followUps.subjectId, subjectId), isNull(followUps.deletedAt));
  const [latest] = await db.select({ occurredAt: followUps.occurredAt, content: followUps.content, nextContactAt: followUps.nextContactAt }).from(followUps).where(live).orderBy(desc(followUps.occurredAt), desc(followUps.id)).limit(1);
  const [{ n }] = await db.select({ n: count() }).from(followUps).where(live);
  const values = {
    lastFollowUpAt: latest?.occurredAt ?? null,
    lastFollowUpSummary: latest ? latest.content.slice(0, SUMMARY_LENGTH) : null,
    followUpCount: n,
    // The plan of the latest follow-up: an older one's plan was superseded by what happened since.
    nextContactAt: latest?.nextContactAt ?? null,
  };
  const t = type === 'contact' ? contacts : accounts;
  await db.update(t).set(values).where(and(eq(t.workspaceId, workspaceId), eq(t.id, subjectId)));
}
