import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, schema, workspaceIdColumn } from '@voyage/kernel';

/**
 * Saved list views of the contacts and accounts lists: filters, sort and visible columns.
 * Personal views belong to their owner; shared views are offered to every member and only
 * their owner (or a manager of views) may change them.
 */
export const listViews = pgTable('list_views', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  object: text('object').notNull(),
  name: text('name').notNull(),
  ownerId: uuid('owner_id').notNull(),
  shared: boolean('shared').notNull().default(false),
  /** `{ filters, sort, columns, q }` as the list page keeps them. */
  state: jsonb('state').$type<Record<string, unknown>>().notNull().default({}),
  position: integer('position').notNull().default(0),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('list_views_object_idx').on(t.workspaceId, t.object, t.ownerId),
]);
