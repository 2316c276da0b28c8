import { boolean, foreignKey, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { schema, tstz, workspaceIdColumn } from '@voyage/kernel';
import { pipelines } from './pipelines';

/**
 * What "stalled" means in one pipeline (S3): the alert on or off, and the days without
 * activity. A pipeline without a row uses the defaults: on, 14 days. The alert and the
 * escalation to the supervisor run as the workflow "Stalled deal" (automation).
 */
export const dealStallSettings = pgTable('deal_stall_settings', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  pipelineId: uuid('pipeline_id').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  stallDays: integer('stall_days').notNull().default(14),
  version: integer('version').notNull().default(1),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.pipelineId] }),
  foreignKey({ columns: [t.workspaceId, t.pipelineId], foreignColumns: [pipelines.workspaceId, pipelines.id] }).onDelete('cascade'),
]);
