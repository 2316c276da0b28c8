import { newId, type Env, type JobSender, type Queryable } from '@voyage/kernel';
import { FOLLOW_UP_REMINDER_JOB } from './follow-up-events';

export interface ReminderJobData {
  workspaceId: string;
  followUpId: string;
  /** The next-contact time this reminder is for; the job does nothing if it has changed since. */
  dueAt: string;
}

/**
 * Schedules the reminder of a follow-up's next-contact time as a durable job, in the write's
 * transaction. An earlier reminder is not cancelled: when it runs it sees the time moved and stops.
 */
export async function scheduleReminder(send: JobSender, tx: Queryable, env: Env, workspaceId: string, followUpId: string, nextContactAt: Date | null): Promise<void> {
  if (!nextContactAt) return;
  const startAfter = new Date(nextContactAt.getTime() - env.FOLLOW_UP_REMINDER_LEAD_MINUTES * 60_000);
  const data: ReminderJobData = { workspaceId, followUpId, dueAt: nextContactAt.toISOString() };
  await send(FOLLOW_UP_REMINDER_JOB, data, { tx, startAfter, id: newId() });
}
