import { bigint, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { schema, workspaceIdColumn } from '@voyage/kernel';

/** Stands for "no owner" in the totals' key (a primary key column cannot be null). */
export const NO_OWNER = '00000000-0000-0000-0000-000000000000';

/**
 * Live deal counts and amounts per pipeline stage, owner and currency: what the kanban's column
 * headers show, kept by a trigger on `deals` (migration 0017) so every write path — create,
 * move, bulk assign, trash, restore, merge, import — updates it in its own transaction. The
 * board sums the rows of the owners a reader may see instead of scanning every deal of the
 * pipeline (180,000 at the 1m benchmark scale). Trashed deals do not count.
 */
export const dealBoardTotals = pgTable('deal_board_totals', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  pipelineId: uuid('pipeline_id').notNull(),
  stageId: uuid('stage_id').notNull(),
  ownerId: uuid('owner_id').notNull(),
  currency: text('currency').notNull(),
  dealCount: bigint('deal_count', { mode: 'number' }).notNull().default(0),
  amountMinor: bigint('amount_minor', { mode: 'number' }).notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.pipelineId, t.stageId, t.ownerId, t.currency] }),
]);
