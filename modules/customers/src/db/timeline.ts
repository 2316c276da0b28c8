import { bigint, foreignKey, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, schema, tstz, workspaceIdColumn } from '@voyage/kernel';

/**
 * What happened to a contact or account, newest first. Append-only: written by subscribers to
 * domain events, each entry once per (event, subject) thanks to source_event_id.
 */
export const timelineEntries = pgTable('timeline_entries', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  subjectType: text('subject_type').$type<'contact' | 'account'>().notNull(),
  subjectId: uuid('subject_id').notNull(),
  /** Open set: follow_up, field_change, record_created, email_sent, … Other modules add their own. */
  kind: text('kind').notNull(),
  occurredAt: tstz('occurred_at').notNull(),
  actorUserId: uuid('actor_user_id'),
  title: text('title').notNull().default(''),
  body: text('body').notNull().default(''),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  /** `<event id>:<subject id>`: one event may add an entry to several subjects. */
  sourceEventId: text('source_event_id').notNull(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  uniqueIndex('timeline_entries_source_uq').on(t.workspaceId, t.sourceEventId),
  index('timeline_entries_subject_idx').on(t.workspaceId, t.subjectType, t.subjectId, t.occurredAt.desc(), t.id.desc()),
]);

/** 跟进记录: a call, visit or message with a contact or account, and when to get back in touch. */
export const followUps = pgTable('follow_ups', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  subjectType: text('subject_type').$type<'contact' | 'account'>().notNull(),
  subjectId: uuid('subject_id').notNull(),
  type: text('type').$type<'call' | 'email' | 'sms' | 'visit' | 'meeting'>().notNull(),
  content: text('content').notNull(),
  occurredAt: tstz('occurred_at').notNull(),
  nextContactAt: tstz('next_contact_at'),
  ownerId: uuid('owner_id'),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('follow_ups_subject_idx').on(t.workspaceId, t.subjectType, t.subjectId, t.occurredAt.desc(), t.id),
]);

/** Files attached to a follow-up; the bytes live in the file storage under `storage_key`. */
export const followUpFiles = pgTable('follow_up_files', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  followUpId: uuid('follow_up_id').notNull(),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  storageKey: text('storage_key').notNull(),
  createdAt: tstz('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  foreignKey({ columns: [t.workspaceId, t.followUpId], foreignColumns: [followUps.workspaceId, followUps.id] }).onDelete('cascade'),
  index('follow_up_files_follow_up_idx').on(t.workspaceId, t.followUpId),
]);
