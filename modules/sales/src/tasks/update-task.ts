import { and, eq, sql } from 'drizzle-orm';
import type { TTask, TUpdateTaskRequest } from '@voyage/contracts';
import { AppError, assertWritableFields, pickChanges, type Context, type JobSender } from '@voyage/kernel';
import { tasks } from '../db/tasks';
import { checkTaskInput } from './check-task-input';
import { findTask } from './find-task';
import { replaceAttendees } from './replace-attendees';
import { runInTransaction } from '@voyage/kernel';
import { scheduleTaskReminder } from './schedule-task-reminder';
import { recordTaskChange } from './task-audit';
import { tasksToWire } from './task-wire';

const FIELDS = ['title', 'description', 'status', 'priority', 'dueAt', 'startAt', 'endAt', 'allDay', 'location', 'ownerId', 'relatedType', 'relatedId', 'recurrence', 'reminderAt'] as const;
const TIME_FIELDS = new Set(['dueAt', 'startAt', 'endAt', 'reminderAt']);
const isoOrNull = (v: Date | string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v).toISOString());

/** Changes a task (send its version). A new reminder time schedules a new job; the old one lapses. */
export async function updateTask(ctx: Context, id: string, input: TUpdateTaskRequest, send: JobSender): Promise<TTask> {
  const { version, attendees, ...fields } = input;
  assertWritableFields(ctx.actor, 'task', fields);
  return runInTransaction(ctx, async (tx) => {
    const current = await findTask(tx, id, 'update');
    if (current.version !== version) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: current.version } });
    const wanted: Record<string, unknown> = { ...fields };
    for (const f of TIME_FIELDS) if (f in fields) wanted[f] = isoOrNull(fields[f as keyof typeof fields] as string | null);
    const stored: Record<string, unknown> = { ...current };
    for (const f of TIME_FIELDS) stored[f] = isoOrNull(current[f as keyof typeof current] as Date | null);
    const { changes, previous } = pickChanges(stored, wanted, FIELDS);
    const next = { ...stored, ...changes } as Record<string, string | null>;
    const at = (f: string) => (next[f] ? new Date(next[f]!) : null);
    await checkTaskInput(tx, {
      kind: current.kind, dueAt: at('dueAt'), startAt: at('startAt'), endAt: at('endAt'), ownerId: next.ownerId, relatedType: next.relatedType, relatedId: next.relatedId, recurrence: next.recurrence,
    }, { ownerChanged: 'ownerId' in changes, relatedChanged: 'relatedType' in changes || 'relatedId' in changes, attendees: current.kind === 'meeting' ? attendees : undefined });
    const set: Record<string, unknown> = { ...changes };
    for (const f of TIME_FIELDS) if (f in changes) set[f] = at(f);
    const [row] = await tx.db.update(tasks)
      .set({ ...set, version: sql`${tasks.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId })
      .where(and(eq(tasks.workspaceId, tx.workspaceId), eq(tasks.id, id), eq(tasks.version, version)))
      .returning();
    if (!row) throw new AppError('version_conflict', { details: { field: 'version', id } });
    if (current.kind === 'meeting' && attendees) await replaceAttendees(tx.db, tx.workspaceId, id, attendees);
    await recordTaskChange(tx, row, 'updated', { oldValues: previous, newValues: changes });
    if ('reminderAt' in changes) await scheduleTaskReminder(send, tx.db, tx.workspaceId, id, row.reminderAt);
    return (await tasksToWire(tx.db, tx.workspaceId, [row]))[0];
  });
}
