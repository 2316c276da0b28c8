import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tstz, workspaceId } from './columns';
import { workspaces } from './tenancy';

/**
 * Fields of a record that cannot change while something holds them (a pending approval
 * request). One row per holder; the holder releases it by deleting its row.
 */
export const recordLocks = pgTable('record_locks', {
  workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
  /** The holder, e.g. the approval request id. */
  holderId: uuid('holder_id').notNull(),
  object: text('object').notNull(),
  recordId: uuid('record_id').notNull(),
  fields: text('fields').array().notNull(),
  /** What holds it, for the message: `approval`. */
  reason: text('reason').notNull(),
  createdAt: tstz('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.holderId] }),
  index('record_locks_record_idx').on(t.workspaceId, t.object, t.recordId),
]);
