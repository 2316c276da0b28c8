import { and, eq, isNull } from 'drizzle-orm';
import { defineJob, isLocale, notify, queueMail, schema, translate } from '@voyage/kernel';
import { accounts, contacts } from '../db/schema';
import { followUps } from '../db/timeline';
import { FOLLOW_UP_REMINDER_JOB } from './follow-up-events';
import type { ReminderJobData } from './schedule-reminder';

/**
 * At a follow-up's next-contact time: an in-app notification and an email to its owner.
 * A reminder whose follow-up was deleted or whose time was moved or cleared does nothing
 * (a newer job exists for the new time). Dedupe keys make a retried job send nothing twice.
 */
export const followUpReminderJob = defineJob<ReminderJobData>({
  name: FOLLOW_UP_REMINDER_JOB,
  async handler(data, ctx) {
    const db = ctx.database.db;
    const [row] = await db.select().from(followUps).where(and(eq(followUps.workspaceId, data.workspaceId), eq(followUps.id, data.followUpId), isNull(followUps.deletedAt)));
    if (!row?.nextContactAt || row.nextContactAt.toISOString() !== data.dueAt || !row.ownerId) return;
    const t = row.subjectType === 'contact' ? contacts : accounts;
    const [subject] = await db.select({ name: t.name }).from(t).where(and(eq(t.workspaceId, data.workspaceId), eq(t.id, row.subjectId), isNull(t.deletedAt)));
    const [owner] = await db.select({ email: schema.users.email, locale: schema.users.locale, defaultLocale: schema.workspaces.defaultLocale })
      .from(schema.users).innerJoin(schema.workspaces, eq(schema.workspaces.id, data.workspaceId)).where(eq(schema.users.id, row.ownerId));
    if (!subject || !owner) return;
    const locale = owner.locale && isLocale(owner.locale) ? owner.locale : isLocale(owner.defaultLocale) ? owner.defaultLocale : 'zh-CN';
    const params = { name: subject.name, summary: row.content.slice(0, 200) };
    const dedupeKey = `follow_up_reminder:${row.id}:${data.dueAt}`;
    const link = `/${row.subjectType}s/${row.subjectId}`;
    await db.transaction(async (tx) => {
      await notify(tx, { workspaceId: data.workspaceId, userIds: [row.ownerId!], kind: 'follow_up_due', title: translate(locale, 'timeline.reminder_title', params), body: translate(locale, 'timeline.reminder_body', params), link, dedupeKey });
      await queueMail(tx, { workspaceId: data.workspaceId, to: owner.email, subject: translate(locale, 'timeline.reminder_subject', params), text: `${translate(locale, 'timeline.reminder_body', params)}\n\n${link}`, dedupeKey });
    });
  },
});
