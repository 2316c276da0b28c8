import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { recordColumns, schema, tstz, workspaceIdColumn } from '@voyage/kernel';

/** Kept by follow-up writes in the same transaction (timeline/ follow-ups): list filters and segments read them. */
const followUpColumns = () => ({
  lastFollowUpAt: tstz('last_follow_up_at'),
  lastFollowUpSummary: text('last_follow_up_summary'),
  followUpCount: integer('follow_up_count').notNull().default(0),
  nextContactAt: tstz('next_contact_at'),
});

/** Public pool (公海) and customer level, kept by ownership/: claim, release, reclaim. */
const poolColumns = () => ({
  customerLevel: text('customer_level'),
  /** 'pool' while the record sits in the public pool with no owner. */
  poolStatus: text('pool_status'),
  poolEnteredAt: tstz('pool_entered_at'),
  previousOwnerId: uuid('previous_owner_id'),
  reclaimExempt: boolean('reclaim_exempt').notNull().default(false),
});

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
  ...poolColumns(),
  /** Set when this record was merged into another (it then sits in the trash). */
  mergedIntoId: uuid('merged_into_id'),
  custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
  // Derived on write by normalize/: never sent to clients (see INTERNAL_COLUMNS).
  phoneE164: text('phone_e164'),
  /** The name without legal suffixes, for duplicate checks: 上海远航科技有限公司 → 上海远航科技. */
  nameKey: text('name_key'),
  // Computed by PostgreSQL (functions in the kernel's pre.sql), so every writer fills them.
  searchName: text('search_name').generatedAlwaysAs(sql`voyage_search_text(name)`),
  searchGrams: text('search_grams').array().generatedAlwaysAs(sql`voyage_search_grams(name || ' ' || coalesce(legal_name, ''))`),
  phoneDigits: text('phone_digits').generatedAlwaysAs(sql`regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g')`),
  ...followUpColumns(),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  foreignKey({ columns: [t.workspaceId, t.parentAccountId], foreignColumns: [t.workspaceId, t.id] as [AnyPgColumn, AnyPgColumn] }).onDelete('restrict'),
  // The default list: newest changes first, by owner (data scope) or across the workspace.
  index('accounts_owner_updated_idx').on(t.workspaceId, t.ownerId, t.updatedAt.desc().nullsLast(), t.id),
  index('accounts_updated_idx').on(t.workspaceId, t.updatedAt.desc().nullsLast(), t.id),
  index('accounts_parent_idx').on(t.workspaceId, t.parentAccountId),
  index('accounts_pool_idx').on(t.workspaceId, t.poolStatus, t.poolEnteredAt.desc().nullsLast(), t.id),
  index('accounts_custom_gin').using('gin', t.workspaceId, t.custom.op('jsonb_path_ops')),
  index('accounts_tags_gin').using('gin', t.workspaceId, t.tags),
  // Byte order (C collation) serves name-prefix matches in index order: the exact name first.
  index('accounts_search_name_idx').on(t.workspaceId, sql`(search_name collate "C")`),
  index('accounts_search_grams_gin').using('gin', t.workspaceId, t.searchGrams),
  index('accounts_phone_digits_trgm').using('gin', t.workspaceId, t.phoneDigits.op('gin_trgm_ops')),
  index('accounts_phone_e164_idx').on(t.workspaceId, t.phoneE164),
  index('accounts_name_key_idx').on(t.workspaceId, t.nameKey),
  index('accounts_name_key_trgm').using('gin', t.workspaceId, t.nameKey.op('gin_trgm_ops')),
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
  ...poolColumns(),
  /** Set when this record was merged into another (it then sits in the trash). */
  mergedIntoId: uuid('merged_into_id'),
  custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
  // Derived on write by normalize/: never sent to clients (see INTERNAL_COLUMNS).
  phoneE164: text('phone_e164'),
  mobileE164: text('mobile_e164'),
  searchName: text('search_name').generatedAlwaysAs(sql`voyage_search_text(name)`),
  searchGrams: text('search_grams').array().generatedAlwaysAs(sql`voyage_search_grams(name)`),
  phoneDigits: text('phone_digits').generatedAlwaysAs(sql`regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g') || ' ' || regexp_replace(coalesce(mobile, ''), '[^0-9]', '', 'g')`),
  ...followUpColumns(),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  foreignKey({ columns: [t.workspaceId, t.accountId], foreignColumns: [accounts.workspaceId, accounts.id] }).onDelete('restrict'),
  index('contacts_owner_updated_idx').on(t.workspaceId, t.ownerId, t.updatedAt.desc().nullsLast(), t.id),
  index('contacts_updated_idx').on(t.workspaceId, t.updatedAt.desc().nullsLast(), t.id),
  index('contacts_account_idx').on(t.workspaceId, t.accountId),
  index('contacts_pool_idx').on(t.workspaceId, t.poolStatus, t.poolEnteredAt.desc().nullsLast(), t.id),
  index('contacts_custom_gin').using('gin', t.workspaceId, t.custom.op('jsonb_path_ops')),
  index('contacts_tags_gin').using('gin', t.workspaceId, t.tags),
  index('contacts_search_name_idx').on(t.workspaceId, sql`(search_name collate "C")`),
  index('contacts_search_grams_gin').using('gin', t.workspaceId, t.searchGrams),
  index('contacts_phone_digits_trgm').using('gin', t.workspaceId, t.phoneDigits.op('gin_trgm_ops')),
  // Emails are stored in lower case; text_pattern_ops serves both equality and prefix LIKE.
  index('contacts_email_idx').on(t.workspaceId, t.email.op('text_pattern_ops')),
  index('contacts_phone_e164_idx').on(t.workspaceId, t.phoneE164),
  index('contacts_mobile_e164_idx').on(t.workspaceId, t.mobileE164),
]);
