import { boolean, foreignKey, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, schema, tstz, workspaceIdColumn } from '@voyage/kernel';

/**
 * The workspace's tag catalogue. Records keep tag names in their own `tags text[]` (fast GIN
 * filtering, no join); the catalogue adds colours and lets admins rename or retire a tag everywhere.
 */
export const tags = pgTable('tags', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  color: text('color').notNull().default('gray'),
  /** 'all', 'contact' or 'account': where the tag is offered. */
  objectScope: text('object_scope').notNull().default('all'),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  uniqueIndex('tags_name_idx').on(t.workspaceId, t.name),
]);

/** A saved segment: dynamic (rules evaluated on read) or static (an explicit member list). */
export const segments = pgTable('segments', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  description: text('description'),
  object: text('object').notNull(),
  kind: text('kind').notNull(),
  rules: jsonb('rules').$type<unknown>(),
  /** Shared segments are visible to every member; others only to their owner. */
  shared: boolean('shared').notNull().default(false),
  ownerId: uuid('owner_id'),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('segments_object_idx').on(t.workspaceId, t.object, t.name),
]);

/** Members of static segments. */
export const segmentMembers = pgTable('segment_members', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  segmentId: uuid('segment_id').notNull(),
  recordId: uuid('record_id').notNull(),
  addedAt: tstz('added_at').notNull().defaultNow(),
  addedBy: uuid('added_by'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.segmentId, t.recordId] }),
  foreignKey({ columns: [t.workspaceId, t.segmentId], foreignColumns: [segments.workspaceId, segments.id] }).onDelete('cascade'),
  index('segment_members_record_idx').on(t.workspaceId, t.recordId),
]);
