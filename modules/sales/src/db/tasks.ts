import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, schema, tstz, workspaceIdColumn } from '@voyage/kernel';

/**
 * Tasks and meetings (S7). `kind` task: a due time; meeting: a start and end with attendees.
 * `relatedType`/`relatedId` point at a contact, account, deal or lead. `recurrence` is an
 * RFC 5545 RRULE; completing a recurring task creates the next occurrence
 * (`recurrenceParentId` links them). `reminderAt` is scheduled as a durable job.
 */
export const tasks = pgTable('tasks', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  kind: text('kind').$type<'task' | 'meeting'>().notNull().default('task'),
  title: text('title').notNull(),
  description: text('description'),
  status: text('status').$type<'open' | 'done' | 'cancelled'>().notNull().default('open'),
  priority: text('priority').$type<'low' | 'normal' | 'high' | 'urgent'>().notNull().default('normal'),
  dueAt: tstz('due_at'),
  startAt: tstz('start_at'),
  endAt: tstz('end_at'),
  allDay: boolean('all_day').notNull().default(false),
  location: text('location'),
  /** The assignee. Named owner_id so the data scope (own, team…) and sharing apply as to any record. */
  ownerId: uuid('owner_id'),
  relatedType: text('related_type'),
  relatedId: uuid('related_id'),
  recurrence: text('recurrence'),
  recurrenceParentId: uuid('recurrence_parent_id'),
  reminderAt: tstz('reminder_at'),
  remindedAt: tstz('reminded_at'),
  completedAt: tstz('completed_at'),
  completedBy: uuid('completed_by'),
  /** Set when a rule or workflow created the task (its key), for dedupe and display. */
  origin: text('origin'),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  // My day and the calendar: one assignee's open items by time.
  index('tasks_owner_due_idx').on(t.workspaceId, t.ownerId, t.status, t.dueAt),
  index('tasks_owner_start_idx').on(t.workspaceId, t.ownerId, t.startAt),
  index('tasks_related_idx').on(t.workspaceId, t.relatedType, t.relatedId),
  index('tasks_origin_idx').on(t.workspaceId, t.origin).where(sql`origin is not null`),
  // Tasks and meetings completed per person in a range (sales performance).
  index('tasks_done_idx').on(t.workspaceId, t.completedAt, t.ownerId).where(sql`${t.status} = 'done' and ${t.deletedAt} is null`),
]);

/** Who attends a meeting: members (user_id) or customer contacts (contact_id). */
export const taskAttendees = pgTable('task_attendees', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  taskId: uuid('task_id').notNull(),
  userId: uuid('user_id'),
  contactId: uuid('contact_id'),
  /** needs_action, accepted, declined, tentative. */
  response: text('response').notNull().default('needs_action'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  foreignKey({ columns: [t.workspaceId, t.taskId], foreignColumns: [tasks.workspaceId, tasks.id] }).onDelete('cascade'),
  index('task_attendees_task_idx').on(t.workspaceId, t.taskId),
  index('task_attendees_user_idx').on(t.workspaceId, t.userId),
]);
