import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { schema, workspaceIdColumn } from '@voyage/kernel';
import { accounts, contacts } from './schema';

/**
 * Roles a workspace adds to the built-in ones (decision maker, champion, …), which live in
 * code so every workspace has them without seeding. Links store the role's key.
 */
export const contactRoles = pgTable('contact_roles', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  key: text('key').notNull(),
  labels: jsonb('labels').$type<Record<string, string>>().notNull(),
  color: text('color'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  uniqueIndex('contact_roles_key_idx').on(t.workspaceId, t.key),
]);

/**
 * A contact's place at an account. contacts.account_id mirrors the primary link. Records
 * are soft-deleted, so links outlive a trip to the trash; only a purge cascades them away.
 * The keys update in cascade so a merge can move links by rewriting ids.
 */
export const accountContacts = pgTable('account_contacts', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  accountId: uuid('account_id').notNull(),
  contactId: uuid('contact_id').notNull(),
  role: text('role'),
  influence: text('influence'),
  isPrimary: boolean('is_primary').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedBy: uuid('updated_by'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.accountId, t.contactId] }),
  foreignKey({ columns: [t.workspaceId, t.accountId], foreignColumns: [accounts.workspaceId, accounts.id] }).onDelete('cascade').onUpdate('cascade'),
  foreignKey({ columns: [t.workspaceId, t.contactId], foreignColumns: [contacts.workspaceId, contacts.id] }).onDelete('cascade').onUpdate('cascade'),
  index('account_contacts_contact_idx').on(t.workspaceId, t.contactId),
  // At most one primary per contact; the use cases keep it exactly one whenever links exist.
  uniqueIndex('account_contacts_primary_idx').on(t.workspaceId, t.contactId).where(sql`is_primary`),
]);

/** Reporting lines between contacts of one account: both ends must be linked to it. */
export const contactReportsTo = pgTable('contact_reports_to', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  accountId: uuid('account_id').notNull(),
  contactId: uuid('contact_id').notNull(),
  managerContactId: uuid('manager_contact_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.accountId, t.contactId] }),
  foreignKey({ columns: [t.workspaceId, t.accountId, t.contactId], foreignColumns: [accountContacts.workspaceId, accountContacts.accountId, accountContacts.contactId] }).onDelete('cascade').onUpdate('cascade'),
  foreignKey({ columns: [t.workspaceId, t.accountId, t.managerContactId], foreignColumns: [accountContacts.workspaceId, accountContacts.accountId, accountContacts.contactId] }).onDelete('cascade').onUpdate('cascade'),
  index('contact_reports_to_manager_idx').on(t.workspaceId, t.accountId, t.managerContactId),
]);
