import { and, eq } from 'drizzle-orm';
import { newId, type Queryable } from '@voyage/kernel';
import { taskAttendees } from '../db/tasks';

/** Sets a meeting's attendees to exactly these members and contacts, keeping known responses. */
export async function replaceAttendees(db: Queryable, workspaceId: string, taskId: string, input: { userIds?: string[]; contactIds?: string[] }): Promise<void> {
  const current = await db.select().from(taskAttendees).where(and(eq(taskAttendees.workspaceId, workspaceId), eq(taskAttendees.taskId, taskId)));
  const response = (userId: string | null, contactId: string | null) => current.find((a) => a.userId === userId && a.contactId === contactId)?.response ?? 'needs_action';
  await db.delete(taskAttendees).where(and(eq(taskAttendees.workspaceId, workspaceId), eq(taskAttendees.taskId, taskId)));
  const rows = [
    ...[...new Set(input.userIds ?? [])].map((userId) => ({ userId, contactId: null })),
    ...[...new Set(input.contactIds ?? [])].map((contactId) => ({ userId: null, contactId })),
  ].map((a) => ({ workspaceId, id: newId(), taskId, ...a, response: response(a.userId, a.contactId) }));
  if (rows.length) await db.insert(taskAttendees).values(rows);
}
