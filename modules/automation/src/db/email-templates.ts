import { index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { recordColumns, schema, tstz, workspaceIdColumn } from '@voyage/kernel';

/**
 * Email templates of workflows (`automation.send_email`): subject and HTML body with
 * `{{record.field}}`, `{{owner.name}}`… merge fields, checked against the object's fields at save.
 * `object` null: only fields every record has (owner, workspace) may be used.
 */
export const emailTemplates = pgTable('email_templates', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  object: text('object'),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  uniqueIndex('email_templates_name_idx').on(t.workspaceId, sql`lower(${t.name})`).where(sql`${t.deletedAt} is null`),
]);

/**
 * One mail a workflow step sent, for open tracking: the pixel's token names this row
 * (workspace and id, signed), and the first open emits `automation.email.opened`.
 */
export const emailSends = pgTable('automation_email_sends', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  mailId: uuid('mail_id').notNull(),
  templateId: uuid('template_id'),
  workflowId: uuid('workflow_id').notNull(),
  runId: uuid('run_id').notNull(),
  stepId: text('step_id').notNull(),
  object: text('object'),
  recordId: uuid('record_id'),
  toAddress: text('to_address').notNull(),
  sentAt: tstz('sent_at').notNull().defaultNow(),
  openedAt: tstz('opened_at'),
  openCount: integer('open_count').notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('automation_email_sends_run_idx').on(t.workspaceId, t.runId),
]);
