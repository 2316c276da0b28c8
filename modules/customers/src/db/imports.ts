import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { schema, tstz, workspaceIdColumn } from '@voyage/kernel';

/** One uploaded file being imported into accounts or contacts, and its progress. */
export const imports = pgTable('imports', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  object: text('object').notNull(),
  fileName: text('file_name').notNull(),
  /** csv | xlsx */
  format: text('format').notNull(),
  /** uploaded | mapped | validating | dry_run_done | running | done | failed | undone */
  status: text('status').notNull().default('uploaded'),
  headers: text('headers').array().notNull().default(sql`'{}'::text[]`),
  total: integer('total').notNull().default(0),
  /** Rows already committed by the run: a retried job resumes after them. */
  processed: integer('processed').notNull().default(0),
  created: integer('created').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  skipped: integer('skipped').notNull().default(0),
  rejected: integer('rejected').notNull().default(0),
  /** Column index → field key ('email', 'custom.budget', 'account', 'owner'), or null to ignore. */
  mapping: jsonb('mapping').$type<Array<string | null>>().notNull().default([]),
  options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
  /** The dry run's counts and first row errors. */
  dryRun: jsonb('dry_run').$type<Record<string, unknown>>(),
  error: text('error'),
  locale: text('locale').notNull().default('zh-CN'),
  createdBy: uuid('created_by'),
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  finishedAt: tstz('finished_at'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('imports_created_idx').on(t.workspaceId, t.createdAt.desc().nullsLast()),
]);

/** What the run did with each row: the trail that the rejected-rows report and undo read. */
export const importRows = pgTable('import_rows', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  importId: uuid('import_id').notNull(),
  rowNumber: integer('row_number').notNull(),
  recordId: uuid('record_id'),
  /** created | updated | skipped | rejected */
  action: text('action').notNull(),
  /** The record's version after the import wrote it; undo refuses when it has moved. */
  versionAfter: integer('version_after'),
  /** Values an update replaced, keyed by field, to restore on undo. */
  previous: jsonb('previous').$type<Record<string, unknown>>(),
  /** The original cells of a rejected row, for the report. */
  cells: text('cells').array(),
  error: text('error'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.importId, t.rowNumber] }),
  foreignKey({ columns: [t.workspaceId, t.importId], foreignColumns: [imports.workspaceId, imports.id] }).onDelete('cascade'),
]);

/** A list export too large to stream in the request: built by a job, then downloaded. */
export const exportsTable = pgTable('exports', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  object: text('object').notNull(),
  format: text('format').notNull(),
  /** queued | running | done | failed */
  status: text('status').notNull().default('queued'),
  query: jsonb('query').$type<Record<string, unknown>>().notNull().default({}),
  total: integer('total').notNull().default(0),
  progress: integer('progress').notNull().default(0),
  error: text('error'),
  locale: text('locale').notNull().default('zh-CN'),
  createdBy: uuid('created_by'),
  createdAt: tstz('created_at').notNull().defaultNow(),
  finishedAt: tstz('finished_at'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('exports_created_idx').on(t.workspaceId, t.createdAt.desc().nullsLast()),
]);
