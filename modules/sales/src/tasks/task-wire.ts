import { and, eq, inArray } from 'drizzle-orm';
import type { TTask } from '@voyage/contracts';
import { schema, type Queryable } from '@voyage/kernel';
import { taskAttendees, tasks } from '../db/tasks';

export type TaskRow = typeof tasks.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Tasks as the API shows them, with their attendees (members by name) in one query each. */
export async function tasksToWire(db: Queryable, workspaceId: string, rows: TaskRow[]): Promise<TTask[]> {
  const meetingIds = rows.filter((r) => r.kind === 'meeting').map((r) => r.id);
  const attendees = meetingIds.length
    ? await db.select({ taskId: taskAttendees.taskId, userId: taskAttendees.userId, contactId: taskAttendees.contactId, response: taskAttendees.response, name: schema.users.name })
      .from(taskAttendees).leftJoin(schema.users, eq(schema.users.id, taskAttendees.userId))
      .where(and(eq(taskAttendees.workspaceId, workspaceId), inArray(taskAttendees.taskId, meetingIds)))
    : [];
  return rows.map((r) => ({
    id: r.id, kind: r.kind, title: r.title, description: r.description, status: r.status, priority: r.priority,
    dueAt: iso(r.dueAt), startAt: iso(r.startAt), endAt: iso(r.endAt), allDay: r.allDay, location: r.location,
    ownerId: r.ownerId, relatedType: r.relatedType, relatedId: r.relatedId, recurrence: r.recurrence, recurrenceParentId: r.recurrenceParentId,
    reminderAt: iso(r.reminderAt), completedAt: iso(r.completedAt), completedBy: r.completedBy,
    attendees: attendees.filter((a) => a.taskId === r.id).map((a) => ({ userId: a.userId, contactId: a.contactId, name: a.name ?? null, response: a.response })),
    version: r.version, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), deletedAt: iso(r.deletedAt),
  }));
}
