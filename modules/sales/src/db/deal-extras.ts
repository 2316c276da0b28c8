import { boolean, foreignKey, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { schema, tstz, workspaceIdColumn } from '@voyage/kernel';
import { pipelines } from './pipelines';

/**
 * Stalled-deal alert settings of one pipeline (S3). A pipeline without a row uses the
 * defaults: on, 14 days without activity, escalate to the owner's supervisor 7 days later.
 */
export const dealStallSettings = pgTable('deal_stall_settings', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  pipelineId: uuid('pipeline_id').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  stallDays: integer('stall_days').notNull().default(14),
  escalateAfterDays: integer('escalate_after_days').notNull().default(7),
  version: integer('version').notNull().default(1),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.pipelineId] }),
  foreignKey({ columns: [t.workspaceId, t.pipelineId], foreignColumns: [pipelines.workspaceId, pipelines.id] }).onDelete('cascade'),
]);
