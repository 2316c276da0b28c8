import type { TCreateTaskRequest, TTask } from '@voyage/contracts';
import { assertCan, assertWritableFields, newId, type Context, type JobSender } from '@voyage/kernel';
import { tasks } from '../db/tasks';
import { checkTaskInput } from './check-task-input';
import { replaceAttendees } from './replace-attendees';
import { runInTransaction } from '@voyage/kernel';
import { scheduleTaskReminder } from './schedule-task-reminder';
import { recordTaskChange } from './task-audit';
import { tasksToWire } from './task-wire';

const date = (v: string | null | undefined) => (v ? new Date(v) : null);

/**
 * Creates a task or meeting, assigned to the actor unless another member in scope is named.
 * `options.id` fixes the id (a workflow step derives it from its idempotency key, so it creates the task once).
 */
export async function createTask(ctx: Context, input: TCreateTaskRequest, send: JobSender, options: { id?: string } = {}): Promise<TTask> {
  assertCan(ctx.actor, 'task', 'create');
  assertWritableFields(ctx.actor, 'task', input);
  const state = {
    kind: input.kind, dueAt: date(input.dueAt), startAt: date(input.startAt), endAt: date(input.endAt), ownerId: input.ownerId ?? ctx.actor.userId,
    relatedType: input.relatedType ?? null, relatedId: input.relatedId ?? null, recurrence: input.recurrence ?? null,
  };
  await checkTaskInput(ctx, state, { ownerChanged: true, relatedChanged: true, attendees: input.kind === 'meeting' ? input.attendees : undefined });
  return runInTransaction(ctx, async (tx) => {
    const now = new Date();
    const [row] = await tx.db.insert(tasks).values({
      workspaceId: tx.workspaceId, id: options.id ?? newId(), ...state, title: input.title, description: input.description ?? null,
      priority: input.priority ?? 'normal', allDay: input.allDay ?? false, location: input.location ?? null, reminderAt: date(input.reminderAt),
      createdAt: now, updatedAt: now, createdBy: tx.actor.userId, updatedBy: tx.actor.userId,
    }).returning();
    if (row.kind === 'meeting' && input.attendees) await replaceAttendees(tx.db, tx.workspaceId, row.id, input.attendees);
    await recordTaskChange(tx, row, 'created', { newValues: { title: row.title, kind: row.kind, ownerId: row.ownerId, dueAt: row.dueAt?.toISOString() ?? null, startAt: row.startAt?.toISOString() ?? null } });
    await scheduleTaskReminder(send, tx.db, tx.workspaceId, row.id, row.reminderAt);
    return (await tasksToWire(tx.db, tx.workspaceId, [row]))[0];
  });
}
