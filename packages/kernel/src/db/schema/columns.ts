import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** `workspace_id`: first column of every tenant table. */
export const workspaceId = () => uuid('workspace_id').notNull();

/** Columns every mutable record carries: optimistic version, audit stamps, soft delete. */
export const recordColumns = () => ({
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedBy: uuid('updated_by'),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});

export const tstz = (name: string) => timestamp(name, { withTimezone: true });
