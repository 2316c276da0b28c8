import { bigint, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { schema, tstz, workspaceIdColumn } from '@voyage/kernel';

/**
 * Sales targets (S9, 业绩目标): one amount per metric, period, scope and currency.
 * `scope` company / department / user; `scopeId` is the department or user, and the
 * workspace id for the company (so the unique key never holds a null). Clearing a cell
 * deletes its row; the audit log keeps the history.
 */
export const salesTargets = pgTable('sales_targets', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  metric: text('metric').$type<'new_sales' | 'collected'>().notNull(),
  periodKind: text('period_kind').$type<'month' | 'quarter' | 'year'>().notNull(),
  periodStart: date('period_start').notNull(),
  scope: text('scope').$type<'company' | 'department' | 'user'>().notNull(),
  scopeId: uuid('scope_id').notNull(),
  currency: text('currency').notNull(),
  amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
  version: integer('version').notNull().default(1),
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedBy: uuid('updated_by'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  uniqueIndex('sales_targets_cell_idx').on(t.workspaceId, t.metric, t.periodKind, t.periodStart, t.scope, t.scopeId, t.currency),
  // The grid and progress read one metric's year at a time.
  index('sales_targets_period_idx').on(t.workspaceId, t.metric, t.periodStart),
]);

export type SalesTargetRow = typeof salesTargets.$inferSelect;
