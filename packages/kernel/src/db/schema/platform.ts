import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, tstz, workspaceId } from './columns';
import { workspaces } from './tenancy';

/** Append-only audit log. A trigger refuses UPDATE and DELETE (see sql/post.sql). */
export const auditLog = pgTable('audit_log', {
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorUserId: uuid('actor_user_id'),
  actorApiKeyId: uuid('actor_api_key_id'),
  /** e.g. create, update, delete, restore, login, login_failed, logout, export, permission_change, setting_change */
  action: text('action').notNull(),
  /** object key, e.g. role, custom_field, contact; `auth` for auth events */
  object: text('object').notNull(),
  recordId: text('record_id'),
  summary: text('summary'),
  oldValues: jsonb('old_values'),
  newValues: jsonb('new_values'),
  ip: text('ip'),
  requestId: text('request_id'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('audit_log_at_idx').on(t.workspaceId, t.at.desc()),
  index('audit_log_record_idx').on(t.workspaceId, t.object, t.recordId),
  index('audit_log_actor_idx').on(t.workspaceId, t.actorUserId, t.at.desc()),
]);

/** Transactional outbox: events written in the same transaction as their change. */
export const outbox = pgTable('outbox', {
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  event: text('event').notNull(),
  eventVersion: integer('event_version').notNull().default(1),
  payload: jsonb('payload').notNull(),
  actorUserId: uuid('actor_user_id'),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  dispatchedAt: tstz('dispatched_at'),
  attempts: integer('attempts').notNull().default(0),
  /** What caused the event when a workflow run did (`{ runId, depth }`): loop protection reads it. */
  cause: jsonb('cause').$type<{ runId: string; depth: number } | null>(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('outbox_pending_idx').on(t.workspaceId, t.occurredAt).where(sql`${t.dispatchedAt} is null`),
]);

/** One row per (event, subscriber) handled: makes subscribers idempotent under at-least-once delivery. */
export const eventDeliveries = pgTable('event_deliveries', {
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  eventId: uuid('event_id').notNull(),
  subscriber: text('subscriber').notNull(),
  handledAt: timestamp('handled_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.eventId, t.subscriber] })]);

/** In-app notifications (P10). */
export const notifications = pgTable('notifications', {
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  userId: uuid('user_id').notNull(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  link: text('link'),
  /** Key making the notification idempotent (e.g. the event id that caused it). */
  dedupeKey: text('dedupe_key'),
  readAt: tstz('read_at'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('notifications_user_idx').on(t.workspaceId, t.userId, t.createdAt.desc()),
  uniqueIndex('notifications_dedupe_key').on(t.workspaceId, t.userId, t.dedupeKey),
]);

/** SMTP settings and sender identity per workspace. The password is encrypted with VOYAGE_SECRET. */
export const mailSettings = pgTable('mail_settings', {
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  host: text('host'),
  port: integer('port'),
  secure: boolean('secure').notNull().default(false),
  username: text('username'),
  passwordEncrypted: text('password_encrypted'),
  fromName: text('from_name').notNull().default('Voyage CRM'),
  fromEmail: text('from_email').notNull().default('no-reply@voyage.local'),
  ...recordColumns(),
}, (t) => [primaryKey({ columns: [t.workspaceId] })]);

/** Every outgoing email. With no SMTP configured, mail stays here as `caught` (the mail catcher). */
export const mailMessages = pgTable('mail_messages', {
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  toAddress: text('to_address').notNull(),
  fromAddress: text('from_address').notNull(),
  subject: text('subject').notNull(),
  textBody: text('text_body').notNull().default(''),
  htmlBody: text('html_body'),
  /** queued | sent | caught | failed */
  status: text('status').notNull().default('queued'),
  error: text('error'),
  attempts: integer('attempts').notNull().default(0),
  messageId: text('message_id'),
  /** Idempotency: the same key never sends twice. */
  dedupeKey: text('dedupe_key'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: tstz('sent_at'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('mail_messages_created_idx').on(t.workspaceId, t.createdAt.desc()),
  uniqueIndex('mail_messages_dedupe_key').on(t.workspaceId, t.dedupeKey),
]);

/** Custom field definitions per object (P6). Values live in each table's `custom jsonb`. */
export const customFieldDefs = pgTable('custom_field_defs', {
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  object: text('object').notNull(),
  key: text('key').notNull(),
  label: text('label').notNull(),
  /** Labels per locale: { 'zh-CN': '预算', en: 'Budget' } */
  labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
  /** text | long_text | number | currency | date | datetime | boolean | single_select | multi_select | user | url | email | phone | record_link | autonumber */
  type: text('type').notNull(),
  required: boolean('required').notNull().default(false),
  /** Picklist options: [{ value, label, labels?, color? }] */
  options: jsonb('options').$type<Array<{ value: string; label: string; labels?: Record<string, string>; color?: string }>>().notNull().default([]),
  /** Type settings: maxLength, min, max, decimals, currency, linkObject, autonumber format… */
  config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
  helpText: text('help_text'),
  position: integer('position').notNull().default(0),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  uniqueIndex('custom_field_defs_key').on(t.workspaceId, t.object, t.key).where(sql`${t.deletedAt} is null`),
]);

/** Counters for auto-numbered fields (CT-2026-000123). */
export const autonumberCounters = pgTable('autonumber_counters', {
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  object: text('object').notNull(),
  fieldKey: text('field_key').notNull(),
  period: text('period').notNull().default(''),
  value: bigint('value', { mode: 'number' }).notNull().default(0),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.object, t.fieldKey, t.period] })]);
