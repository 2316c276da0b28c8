import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, schema, tstz, workspaceIdColumn } from '@voyage/kernel';

/**
 * A lead (线索): a person and company not yet qualified. `ownerId` null means the lead sits
 * in the lead pool. Once converted it keeps links to the account, contact and deal it became.
 * Phones are kept as typed plus E.164 (`phoneE164`, `mobileE164`, never sent to clients).
 */
export const leads = pgTable('leads', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  company: text('company'),
  title: text('title'),
  email: text('email'),
  phone: text('phone'),
  mobile: text('mobile'),
  phoneE164: text('phone_e164'),
  mobileE164: text('mobile_e164'),
  region: text('region'),
  industry: text('industry'),
  /** Employees band: 1-10, 11-50, 51-200, 201-1000, 1000+. */
  size: text('size'),
  /** web_form | referral | trade_show | ad | cold_call | partner | other */
  source: text('source').notNull().default('other'),
  channel: text('channel'),
  /** new | working | qualified | disqualified | converted */
  status: text('status').notNull().default('new'),
  disqualifyReason: text('disqualify_reason'),
  disqualifyNote: text('disqualify_note'),
  ownerId: uuid('owner_id'),
  /** The CSV import that created the lead (its undo trashes them). */
  importId: uuid('import_id'),
  convertedAccountId: uuid('converted_account_id'),
  convertedContactId: uuid('converted_contact_id'),
  convertedDealId: uuid('converted_deal_id'),
  convertedAt: tstz('converted_at'),
  convertedBy: uuid('converted_by'),
  custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('leads_owner_updated_idx').on(t.workspaceId, t.ownerId, t.updatedAt.desc().nullsLast(), t.id),
  index('leads_updated_idx').on(t.workspaceId, t.updatedAt.desc().nullsLast(), t.id),
  index('leads_status_idx').on(t.workspaceId, t.status),
  index('leads_email_idx').on(t.workspaceId, t.email),
  index('leads_import_idx').on(t.workspaceId, t.importId),
  index('leads_custom_gin').using('gin', t.workspaceId, t.custom.op('jsonb_path_ops')),
]);
export type LeadRow = typeof leads.$inferSelect;

/**
 * Lead assignment rules, tried in `position` order when a lead is created without an owner.
 * round_robin gives leads to `userIds` in turn; field_match gives leads whose `field`
 * (region, industry, size, source) equals `value` to `userIds` (in turn when several).
 * `cursor` is the round-robin state, advanced by UPDATE … RETURNING (atomic under concurrency).
 */
export const leadAssignmentRules = pgTable('lead_assignment_rules', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  position: integer('position').notNull().default(0),
  kind: text('kind').$type<'round_robin' | 'field_match'>().notNull(),
  field: text('field'),
  value: text('value'),
  userIds: uuid('user_ids').array().notNull().default(sql`'{}'::uuid[]`),
  cursor: integer('cursor').notNull().default(0),
  active: boolean('active').notNull().default(true),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('lead_assignment_rules_position_idx').on(t.workspaceId, t.position),
]);

/** One CSV import of leads: its summary, per-row errors and whether it was undone. */
export const leadImports = pgTable('lead_imports', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  fileName: text('file_name'),
  encoding: text('encoding').notNull(),
  totalRows: integer('total_rows').notNull(),
  createdCount: integer('created_count').notNull(),
  errors: jsonb('errors').$type<Array<{ row: number; field: string; message: string }>>().notNull().default([]),
  status: text('status').$type<'done' | 'undone'>().notNull().default('done'),
  undoneAt: tstz('undone_at'),
  createdAt: tstz('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('lead_imports_created_idx').on(t.workspaceId, t.createdAt),
]);
