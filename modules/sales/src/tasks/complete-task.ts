import { and, eq, sql } from 'drizzle-orm';
import type { TCompleteTaskResponse, TTask } from '@voyage/contracts';
import { AppError, newId, type Context, type JobSender } from '@voyage/kernel';
import { taskAttendees, tasks } from '../db/tasks';
import { findTask } from './find-task';
import { nextOccurrence, parseRecurrence } from './recurrence';
import { runInTransaction } from '@voyage/kernel';
import { scheduleTaskReminder } from './schedule-task-reminder';
import { recordTaskChange } from './task-audit';
import { tasksToWire, type TaskRow } from './task-wire';

const shift = (d: Date | null, ms: number) => (d ? new Date(d.getTime() + ms) : null);

/**
 * Marks an open task done (send its version). A recurring task gets its next occurrence,
 * created in the same transaction with the same assignee, link, attendees and reminder offset.
 */
export async function completeTask(ctx: Context, id: string, version: number, send: JobSender): Promise<TCompleteTaskResponse> {
  return runInTransaction(ctx, async (tx) => {
    const current = await findTask(tx, id, 'update');
    if (current.version !== version) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: current.version } });
    if (current.status !== 'open') throw new AppError('sales.task_not_open', { details: { field: 'status' } });
    const now = new Date();
    const [row] = await tx.db.update(tasks)
      .set({ status: 'done', completedAt: now, completedBy: tx.actor.userId, version: sql`${tasks.version} + 1`, updatedAt: now, updatedBy: tx.actor.userId })
      .where(and(eq(tasks.workspaceId, tx.workspaceId), eq(tasks.id, id), eq(tasks.version, version))).returning();
    if (!row) throw new AppError('version_conflict', { details: { field: 'version', id } });
    await recordTaskChange(tx, row, 'completed', { oldValues: { status: current.status }, newValues: { status: 'done' } });
    const next = await createNextOccurrence(tx, row, send);
    const wire = await tasksToWire(tx.db, tx.workspaceId, next ? [row, next] : [row]);
    return { task: wire[0], next: wire[1] ?? null };
  });
}

async function createNextOccurrence(tx: Context, row: TaskRow, send: JobSender): Promise<TaskRow | null> {
  const rule = row.recurrence ? parseRecurrence(row.recurrence) : null;
  const anchor = row.kind === 'meeting' ? row.startAt : row.dueAt;
  if (!rule || !anchor) return null;
  const at = nextOccurrence(rule, anchor);
  if (!at) return null;
  const delta = at.getTime() - anchor.getTime();
  const now = new Date();
  const [next] = await tx.db.insert(tasks).values({
    workspaceId: tx.workspaceId, id: newId(), kind: row.kind, title: row.title, description: row.description, priority: row.priority,
    dueAt: shift(row.dueAt, delta), startAt: shift(row.startAt, delta), endAt: shift(row.endAt, delta), allDay: row.allDay, location: row.location,
    ownerId: row.ownerId, relatedType: row.relatedType, relatedId: row.relatedId, recurrence: row.recurrence, recurrenceParentId: row.recurrenceParentId ?? row.id,
    reminderAt: shift(row.reminderAt, delta), origin: row.origin,
    createdAt: now, updatedAt: now, createdBy: tx.actor.userId, updatedBy: tx.actor.userId,
  }).returning();
  if (row.kind === 'meeting') {
    await tx.db.execute(sql`insert into ${taskAttendees} (workspace_id, id, task_id, user_id, contact_id, response)
      select workspace_id, gen_random_uuid(), ${next.id}::uuid, user_id, contact_id, 'needs_action' from ${taskAttendees} where workspace_id = ${tx.workspaceId} and task_id = ${row.id}`);
  }
  await recordTaskChange(tx, next, 'created', { newValues: { title: next.title, recurrenceParentId: next.recurrenceParentId, dueAt: next.dueAt?.toISOString() ?? null, startAt: next.startAt?.toISOString() ?? null } });
  await scheduleTaskReminder(send, tx.db, tx.workspaceId, next.id, next.reminderAt);
  return next;
}

/** Opens a done or cancelled task again (send its version). A pending reminder applies again. */
export async function reopenTask(ctx: Context, id: string, version: number, send: JobSender): Promise<TTask> {
  return runInTransaction(ctx, async (tx) => {
    const current = await findTask(tx, id, 'update');
    if (current.version !== version) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: current.version } });
    const now = new Date();
    const [row] = await tx.db.update(tasks)
      .set({ status: 'open', completedAt: null, completedBy: null, version: sql`${tasks.version} + 1`, updatedAt: now, updatedBy: tx.actor.userId })
      .where(and(eq(tasks.workspaceId, tx.workspaceId), eq(tasks.id, id), eq(tasks.version, version))).returning();
    if (!row) throw new AppError('version_conflict', { details: { field: 'version', id } });
    await recordTaskChange(tx, row, 'reopened', { oldValues: { status: current.status }, newValues: { status: 'open' } });
    if (row.reminderAt && row.reminderAt > now && current.status !== 'open') await scheduleTaskReminder(send, tx.db, tx.workspaceId, id, row.reminderAt);
    return (await tasksToWire(tx.db, tx.workspaceId, [row]))[0];
  });
}
