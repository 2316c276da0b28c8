import { sql } from 'drizzle-orm';
import { foreignKey, index, jsonb, pgTable, primaryKey, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { recordColumns, schema, workspaceIdColumn } from '@voyage/kernel';

/** Accounts (companies). `custom` holds values of the workspace's custom fields. */
export const accounts = pgTable('accounts', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  legalName: text('legal_name'),
  industry: text('industry'),
  region: text('region'),
  size: text('size'),
  website: text('website'),
  phone: text('phone'),
  ownerId: uuid('owner_id'),
  parentAccountId: uuid('parent_account_id'),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  lifecycleStage: text('lifecycle_stage'),
  custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  foreignKey({ columns: [t.workspaceId, t.parentAccountId], foreignColumns: [t.workspaceId, t.id] as [AnyPgColumn, AnyPgColumn] }).onDelete('restrict'),
  // The default list: newest changes first, by owner (data scope) or across the workspace.
  index('accounts_owner_updated_idx').on(t.workspaceId, t.ownerId, t.updatedAt.desc().nullsLast(), t.id),
  index('accounts_updated_idx').on(t.workspaceId, t.updatedAt.desc().nullsLast(), t.id),
  index('accounts_parent_idx').on(t.workspaceId, t.parentAccountId),
  index('accounts_custom_gin').using('gin', t.workspaceId, t.custom.op('jsonb_path_ops')),
]);

/** Contacts (people). A contact without an account is a B2C customer. */
export const contacts = pgTable('contacts', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  email: text('email'),
  phone: text('phone'),
  mobile: text('mobile'),
  title: text('title'),
  accountId: uuid('account_id'),
  ownerId: uuid('owner_id'),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  lifecycleStage: text('lifecycle_stage'),
  custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  foreignKey({ columns: [t.workspaceId, t.accountId], foreignColumns: [accounts.workspaceId, accounts.id] }).onDelete('restrict'),
  index('contacts_owner_updated_idx').on(t.workspaceId, t.ownerId, t.updatedAt.desc().nullsLast(), t.id),
  index('contacts_updated_idx').on(t.workspaceId, t.updatedAt.desc().nullsLast(), t.id),
  index('contacts_account_idx').on(t.workspaceId, t.accountId),
  index('contacts_custom_gin').using('gin', t.workspaceId, t.custom.op('jsonb_path_ops')),
]);
