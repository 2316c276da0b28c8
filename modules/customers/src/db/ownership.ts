import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, schema, tstz, workspaceIdColumn } from '@voyage/kernel';

/** One lifecycle stage change of an account or contact (C7), written with the change itself. */
export const lifecycleHistory = pgTable('lifecycle_history', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  object: text('object').notNull(),
  recordId: uuid('record_id').notNull(),
  fromStage: text('from_stage'),
  toStage: text('to_stage'),
  changedAt: tstz('changed_at').notNull().defaultNow(),
  actorUserId: uuid('actor_user_id'),
  /** Where the change came from: app, api, system. */
  source: text('source').notNull(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('lifecycle_history_record_idx').on(t.workspaceId, t.object, t.recordId, t.changedAt),
  // The funnel report counts entries per stage over a period.
  index('lifecycle_history_funnel_idx').on(t.workspaceId, t.object, t.changedAt, t.toStage),
]);

/** Every owner change: manual, bulk, claim, release, reclaim or an assignment rule (C6). */
export const ownershipTransfers = pgTable('ownership_transfers', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  object: text('object').notNull(),
  recordId: uuid('record_id').notNull(),
  fromOwnerId: uuid('from_owner_id'),
  toOwnerId: uuid('to_owner_id'),
  /** manual | bulk | claim | release | reclaim | rule */
  kind: text('kind').notNull(),
  reason: text('reason'),
  actorUserId: uuid('actor_user_id'),
  at: tstz('at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('ownership_transfers_record_idx').on(t.workspaceId, t.object, t.recordId, t.at),
  // Daily claim limits count a user's claims of today.
  index('ownership_transfers_to_owner_idx').on(t.workspaceId, t.toOwnerId, t.kind, t.at),
]);

/**
 * Owner assignment rules, tried in `position` order on create when no owner is given.
 * `conditions` use the list-query operators ({field, operator, value}); none means always.
 * The next owner is picked round robin among `userIds`; `cursor` is that state, advanced by
 * an UPDATE … RETURNING so concurrent creates never pick the same turn.
 */
export const assignmentRules = pgTable('assignment_rules', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  object: text('object').notNull(),
  name: text('name').notNull(),
  position: integer('position').notNull(),
  /** round_robin | field_match */
  kind: text('kind').notNull(),
  conditions: jsonb('conditions').$type<Array<{ field: string; operator: string; value: string }>>().notNull().default([]),
  userIds: uuid('user_ids').array().notNull().default(sql`'{}'::uuid[]`),
  active: boolean('active').notNull().default(true),
  cursor: integer('cursor').notNull().default(0),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('assignment_rules_object_idx').on(t.workspaceId, t.object, t.position),
]);
