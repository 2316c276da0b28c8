import { bigint, date, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { schema, workspaceIdColumn } from '@voyage/kernel';

/**
 * Rollups of the sales performance report, kept by triggers on deals, deal_stage_history and
 * tasks (migration 0020) so that every write path — create, move, edit, bulk assign, trash,
 * restore, merge, import — updates them in its own transaction. Each figure is stored twice:
 * per UTC day (`grain` 'd', `bucket` the day) and per UTC month (`grain` 'm', `bucket` its first
 * day). A report over a range reads whole months and the days around them from the rollups and
 * the partial days at the edges (the range is in the workspace's time zone) from the records
 * themselves. Used for readers who see every record; scoped readers query the records.
 * Trashed records and records without an owner (or mover) do not count. Rows are never deleted
 * by the triggers: a figure that drops to zero stays as a zero row.
 */
const grain = () => text('grain').$type<'d' | 'm'>().notNull();
const bucket = () => date('bucket', { mode: 'string' }).notNull();

/** Deals closed won or lost, by close time, owner, pipeline, currency and status. */
export const dealClosedRollups = pgTable('deal_closed_rollups', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  grain: grain(),
  bucket: bucket(),
  pipelineId: uuid('pipeline_id').notNull(),
  ownerId: uuid('owner_id').notNull(),
  currency: text('currency').notNull(),
  status: text('status').$type<'won' | 'lost'>().notNull(),
  dealCount: bigint('deal_count', { mode: 'number' }).notNull().default(0),
  amountMinor: bigint('amount_minor', { mode: 'number' }).notNull().default(0),
  /** Sum of creation-to-close seconds. */
  cycleSeconds: numeric('cycle_seconds').notNull().default('0'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.grain, t.bucket, t.pipelineId, t.ownerId, t.currency, t.status] }),
]);

/** Stage moves (history rows with a from stage) on live deals, by time, mover and pipeline. */
export const dealMoveRollups = pgTable('deal_move_rollups', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  grain: grain(),
  bucket: bucket(),
  pipelineId: uuid('pipeline_id').notNull(),
  userId: uuid('user_id').notNull(),
  moveCount: bigint('move_count', { mode: 'number' }).notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.grain, t.bucket, t.pipelineId, t.userId] }),
]);

/** Tasks and meetings completed, by completion time and owner. */
export const taskDoneRollups = pgTable('task_done_rollups', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  grain: grain(),
  bucket: bucket(),
  ownerId: uuid('owner_id').notNull(),
  taskCount: bigint('task_count', { mode: 'number' }).notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.grain, t.bucket, t.ownerId] }),
]);

/**
 * Live deals by creation time, pipeline and the set of stages they entered (`reached`, sorted
 * and without repeats): the stage funnel tests these sets as it tests each deal's.
 */
export const dealFunnelRollups = pgTable('deal_funnel_rollups', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  pipelineId: uuid('pipeline_id').notNull(),
  grain: grain(),
  bucket: bucket(),
  reached: uuid('reached').array().notNull(),
  dealCount: bigint('deal_count', { mode: 'number' }).notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.pipelineId, t.grain, t.bucket, t.reached] }),
]);
