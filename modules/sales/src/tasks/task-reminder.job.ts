import { and, eq, isNull } from 'drizzle-orm';
import { defineJob, isLocale, notify, queueMail, schema, translate } from '@voyage/kernel';
import { tasks } from '../db/tasks';
import { TASK_REMINDER_JOB } from './task-events';
import type { TaskReminderJobData } from './schedule-task-reminder';

/**
 * At a task's reminder time: an in-app notification and an email to its assignee. A task
 * deleted, no longer open, or whose reminder moved does nothing (a newer job exists for the
 * new time). Dedupe keys make a retried job send nothing twice.
 */
export const taskReminderJob = defineJob<TaskReminderJobData>({
  name: TASK_REMINDER_JOB,
  async handler(data, ctx) {
    const db = ctx.database.db;
    const [row] = await db.select().from(tasks).where(and(eq(tasks.workspaceId, data.workspaceId), eq(tasks.id, data.taskId), isNull(tasks.deletedAt)));
    if (!row || row.status !== 'open' || !row.ownerId || row.reminderAt?.toISOString() !== data.reminderAt) return;
    const [owner] = await db.select({ email: schema.users.email, locale: schema.users.locale, defaultLocale: schema.workspaces.defaultLocale, timezone: schema.workspaces.timezone })
      .from(schema.users).innerJoin(schema.workspaces, eq(schema.workspaces.id, data.workspaceId)).where(eq(schema.users.id, row.ownerId));
    if (!owner) return;
    const locale = owner.locale && isLocale(owner.locale) ? owner.locale : isLocale(owner.defaultLocale) ? owner.defaultLocale : 'zh-CN';
    const at = row.kind === 'meeting' ? row.startAt : row.dueAt;
    const due = at ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: owner.timezone }).format(at) : translate(locale, 'sales.task.no_due');
    const params = { title: row.title, due };
    const dedupeKey = `task_reminder:${row.id}:${data.reminderAt}`;
    const link = `/my-day?task=${row.id}`;
    await db.transaction(async (tx) => {
      await notify(tx, { workspaceId: data.workspaceId, userIds: [row.ownerId!], kind: 'task_due', title: translate(locale, 'sales.task.reminder_title', params), body: translate(locale, 'sales.task.reminder_body', params), link, dedupeKey });
      await queueMail(tx, { workspaceId: data.workspaceId, to: owner.email, subject: translate(locale, 'sales.task.reminder_subject', params), text: `${translate(locale, 'sales.task.reminder_body', params)}\n\n${link}`, dedupeKey });
      await tx.update(tasks).set({ remindedAt: new Date() }).where(and(eq(tasks.workspaceId, data.workspaceId), eq(tasks.id, row.id)));
    });
  },
});
