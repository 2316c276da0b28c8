import { and, eq, inArray } from 'drizzle-orm';
import type { TFollowUp } from '@voyage/contracts';
import type { Queryable } from '@voyage/kernel';
import { followUpFiles, followUps } from '../db/timeline';

type FollowUpRow = typeof followUps.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Follow-up rows as the API returns them, with their files. */
export async function followUpsToWire(db: Queryable, workspaceId: string, rows: FollowUpRow[]): Promise<TFollowUp[]> {
  const files = rows.length
    ? await db.select().from(followUpFiles).where(and(eq(followUpFiles.workspaceId, workspaceId), inArray(followUpFiles.followUpId, rows.map((r) => r.id)))).orderBy(followUpFiles.createdAt)
    : [];
  return rows.map((r) => ({
    id: r.id, subjectType: r.subjectType, subjectId: r.subjectId, type: r.type, content: r.content,
    occurredAt: r.occurredAt.toISOString(), nextContactAt: iso(r.nextContactAt), ownerId: r.ownerId, version: r.version,
    createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), createdBy: r.createdBy, updatedBy: r.updatedBy,
    files: files.filter((f) => f.followUpId === r.id).map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, size: f.size, createdAt: f.createdAt.toISOString() })),
  }));
}
