import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { schema, tstz, workspaceIdColumn } from '@voyage/kernel';

/**
 * The duplicate review queue (C5): pairs of records the finder job judged alike. A pair is
 * stored once, with the smaller id first, so a rerun of the finder updates it instead of
 * adding a second row. `status` is 'open', 'merged' or 'dismissed' (not a duplicate: the
 * finder never proposes a dismissed pair again).
 */
export const duplicatePairs = pgTable('duplicate_pairs', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  object: text('object').notNull(),
  recordAId: uuid('record_a_id').notNull(),
  recordBId: uuid('record_b_id').notNull(),
  score: real('score').notNull(),
  reasons: text('reasons').array().notNull().default(sql`'{}'::text[]`),
  status: text('status').notNull().default('open'),
  foundAt: tstz('found_at').notNull().defaultNow(),
  resolvedAt: tstz('resolved_at'),
  resolvedBy: uuid('resolved_by'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  uniqueIndex('duplicate_pairs_pair_idx').on(t.workspaceId, t.object, t.recordAId, t.recordBId),
  index('duplicate_pairs_queue_idx').on(t.workspaceId, t.object, t.status, t.score.desc(), t.id),
  index('duplicate_pairs_b_idx').on(t.workspaceId, t.recordBId),
]);

/**
 * One merge: which record survived, which values were chosen field by field, and the merged
 * record as it was (it stays in the trash, marked `merged_into_id`). `moved` counts the
 * related rows each module moved to the survivor.
 */
export const recordMerges = pgTable('record_merges', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  object: text('object').notNull(),
  survivorId: uuid('survivor_id').notNull(),
  mergedId: uuid('merged_id').notNull(),
  choices: jsonb('choices').$type<Record<string, string>>().notNull().default({}),
  mergedSnapshot: jsonb('merged_snapshot').$type<Record<string, unknown>>().notNull(),
  moved: jsonb('moved').$type<Record<string, number>>().notNull().default({}),
  mergedBy: uuid('merged_by'),
  mergedAt: tstz('merged_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('record_merges_survivor_idx').on(t.workspaceId, t.survivorId),
  index('record_merges_merged_idx').on(t.workspaceId, t.mergedId),
]);

/**
 * Runs of the duplicate finder, newest first: what the review page shows while a scan runs
 * (`progress` 0–100 across its steps) and after it (`found` pairs, new ones among them).
 */
export const duplicateScans = pgTable('duplicate_scans', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  object: text('object').notNull(),
  /** 'queued', 'running', 'done' or 'failed'. */
  status: text('status').notNull().default('queued'),
  progress: integer('progress').notNull().default(0),
  found: integer('found').notNull().default(0),
  added: integer('added').notNull().default(0),
  error: text('error'),
  requestedBy: uuid('requested_by'),
  createdAt: tstz('created_at').notNull().defaultNow(),
  startedAt: tstz('started_at'),
  finishedAt: tstz('finished_at'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('duplicate_scans_recent_idx').on(t.workspaceId, t.object, t.createdAt.desc()),
]);
