import { and, eq, sql } from 'drizzle-orm';
import type { TTask } from '@voyage/contracts';
import { type Context, type JobSender } from '@voyage/kernel';
import { tasks } from '../db/tasks';
import { findTask } from './find-task';
import { runInTransaction } from '@voyage/kernel';
import { scheduleTaskReminder } from './schedule-task-reminder';
import { recordTaskChange } from './task-audit';
import { tasksToWire } from './task-wire';

/** Moves a task to the trash; its pending reminder lapses (the job checks the row is live). */
export async function deleteTask(ctx: Context, id: string): Promise<void> {
  await runInTransaction(ctx, async (tx) => {
    const row = await findTask(tx, id, 'delete');
    const now = new Date();
    await tx.db.update(tasks).set({ deletedAt: now, updatedAt: now, updatedBy: tx.actor.userId, version: sql`${tasks.version} + 1` }).where(and(eq(tasks.workspaceId, tx.workspaceId), eq(tasks.id, id)));
    await recordTaskChange(tx, row, 'deleted', { oldValues: { title: row.title } });
  });
}

/** Brings a task back from the trash; a reminder still in the future is scheduled again. */
export async function restoreTask(ctx: Context, id: string, send: JobSender): Promise<TTask> {
  return runInTransaction(ctx, async (tx) => {
    await findTask(tx, id, 'delete', { deleted: true });
    const now = new Date();
    const [row] = await tx.db.update(tasks).set({ deletedAt: null, updatedAt: now, updatedBy: tx.actor.userId, version: sql`${tasks.version} + 1` })
      .where(and(eq(tasks.workspaceId, tx.workspaceId), eq(tasks.id, id))).returning();
    await recordTaskChange(tx, row, 'restored');
    if (row.status === 'open' && row.reminderAt && row.reminderAt > now) await scheduleTaskReminder(send, tx.db, tx.workspaceId, id, row.reminderAt);
    return (await tasksToWire(tx.db, tx.workspaceId, [row]))[0];
  });
}
