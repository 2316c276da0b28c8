import { jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { schema, tstz, workspaceIdColumn } from '@voyage/kernel';

/**
 * Round-robin owner assignment: per pool (a workflow step, or a named pool), the member who got
 * the last record, and the step key that picked them (a rerun of that step picks them again).
 */
export const roundRobinState = pgTable('automation_round_robin', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  poolKey: text('pool_key').notNull(),
  lastUserId: uuid('last_user_id').notNull(),
  lastKey: text('last_key').notNull(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.poolKey] })]);

/**
 * What an action with an effect that is not idempotent by itself (a created record) did under
 * its step's idempotency key: a second run returns this output instead of acting again.
 */
export const actionEffects = pgTable('automation_action_effects', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  idempotencyKey: text('idempotency_key').notNull(),
  action: text('action').notNull(),
  output: jsonb('output').$type<Record<string, unknown>>(),
  createdAt: tstz('created_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.idempotencyKey] })]);
