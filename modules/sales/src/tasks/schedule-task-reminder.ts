import { newId, type JobSender, type Queryable } from '@voyage/kernel';
import { TASK_REMINDER_JOB } from './task-events';

export interface TaskReminderJobData {
  workspaceId: string;
  taskId: string;
  /** The reminder time this job is for; the job does nothing if the task's has changed since. */
  reminderAt: string;
}

/**
 * Schedules a task's reminder as a durable job in the write's transaction. An earlier job is
 * not cancelled: when it runs it sees the time moved, the task done or deleted, and stops.
 */
export async function scheduleTaskReminder(send: JobSender, tx: Queryable, workspaceId: string, taskId: string, reminderAt: Date | null): Promise<void> {
  if (!reminderAt) return;
  const data: TaskReminderJobData = { workspaceId, taskId, reminderAt: reminderAt.toISOString() };
  await send(TASK_REMINDER_JOB, data, { tx, startAfter: reminderAt, id: newId() });
}
