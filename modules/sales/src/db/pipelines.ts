import { sql } from 'drizzle-orm';
import { bigint, boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, schema, tstz, workspaceIdColumn } from '@voyage/kernel';

/** A sales process (新客户销售, 续约…). A workspace has several; one is the default. */
export const pipelines = pgTable('pipelines', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  /** Names per locale for built-in pipelines: { 'zh-CN': '新客户销售', en: 'New business' }. */
  labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
  isDefault: boolean('is_default').notNull().default(false),
  position: integer('position').notNull().default(0),
  /** Currency of new deals in this pipeline (ISO 4217). */
  currency: text('currency').notNull().default('CNY'),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  uniqueIndex('pipelines_default_idx').on(t.workspaceId).where(sql`is_default and deleted_at is null`),
]);

/**
 * An ordered stage of a pipeline. `kind` open/won/lost decides what entering it means;
 * `probability` (0–100) is the default of deals in it; `requiredFields` must be filled
 * before a deal may enter; `rottingDays` marks a deal idle in the stage that long.
 */
export const pipelineStages = pgTable('pipeline_stages', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  pipelineId: uuid('pipeline_id').notNull(),
  name: text('name').notNull(),
  labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
  position: integer('position').notNull(),
  kind: text('kind').$type<'open' | 'won' | 'lost'>().notNull().default('open'),
  probability: integer('probability').notNull().default(0),
  requiredFields: text('required_fields').array().notNull().default(sql`'{}'::text[]`),
  rottingDays: integer('rotting_days'),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  foreignKey({ columns: [t.workspaceId, t.pipelineId], foreignColumns: [pipelines.workspaceId, pipelines.id] }).onDelete('cascade'),
  index('pipeline_stages_pipeline_idx').on(t.workspaceId, t.pipelineId, t.position),
]);

/**
 * A deal (商机). Money is minor units + ISO currency. `probability` null means the stage's
 * default. `status` mirrors the stage kind (open/won/lost) for fast filtering; `closedAt` is
 * set on won/lost. `amountMinor` follows the product lines when `hasLines` (sum of lines).
 * `lastActivityAt` feeds the stalled-deal alert (`stalledAt`); `stageEnteredAt` the rotting marker.
 */
export const deals = pgTable('deals', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  pipelineId: uuid('pipeline_id').notNull(),
  stageId: uuid('stage_id').notNull(),
  status: text('status').$type<'open' | 'won' | 'lost'>().notNull().default('open'),
  amountMinor: bigint('amount_minor', { mode: 'number' }).notNull().default(0),
  currency: text('currency').notNull().default('CNY'),
  closeDate: date('close_date'),
  probability: integer('probability'),
  /**
   * Rep's call: commit, best_case, pipeline or omitted. Null means "not set": the forecast
   * derives it from the probability (≥ 90 commit, ≥ 50 best case, else pipeline).
   */
  forecastCategory: text('forecast_category').$type<'commit' | 'best_case' | 'pipeline' | 'omitted'>(),
  ownerId: uuid('owner_id'),
  /** accounts/contacts of the customers module, checked through the kernel's record tables. */
  accountId: uuid('account_id'),
  primaryContactId: uuid('primary_contact_id'),
  source: text('source'),
  hasLines: boolean('has_lines').notNull().default(false),
  lostReason: text('lost_reason'),
  lostToCompetitorId: uuid('lost_to_competitor_id'),
  /** The won/lost reason picked from the workspace's list (`deal_reasons`); the text stays in won/lostReason. */
  closeReasonId: uuid('close_reason_id'),
  wonReason: text('won_reason'),
  closedAt: tstz('closed_at'),
  stageEnteredAt: tstz('stage_entered_at').notNull().defaultNow(),
  lastActivityAt: tstz('last_activity_at'),
  /**
   * "Stalled since": last activity (or entering the stage) + the pipeline's stall days; null
   * when the deal is closed, trashed or its pipeline's alert is off. Kept by a trigger on deals
   * and recomputed when a pipeline's settings change (migration 0022); the stalled-deal
   * workflow fires on it.
   */
  stalledAt: tstz('stalled_at'),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
  /**
   * Every stage the deal has entered (from its stage history, kept by a trigger on
   * deal_stage_history): the funnel counts a deal as having reached a stage when this holds
   * that stage or a later one, without reading the history (migration 0019).
   */
  reachedStageIds: uuid('reached_stage_ids').array().notNull().default(sql`'{}'::uuid[]`),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  foreignKey({ columns: [t.workspaceId, t.pipelineId], foreignColumns: [pipelines.workspaceId, pipelines.id] }).onDelete('restrict'),
  foreignKey({ columns: [t.workspaceId, t.stageId], foreignColumns: [pipelineStages.workspaceId, pipelineStages.id] }).onDelete('restrict'),
  // The kanban: one pipeline's open deals by stage; the list: newest changes first, by owner.
  index('deals_board_idx').on(t.workspaceId, t.pipelineId, t.stageId, t.updatedAt.desc()),
  index('deals_owner_updated_idx').on(t.workspaceId, t.ownerId, t.updatedAt.desc().nullsLast(), t.id),
  index('deals_updated_idx').on(t.workspaceId, t.updatedAt.desc().nullsLast(), t.id),
  index('deals_account_idx').on(t.workspaceId, t.accountId),
  index('deals_contact_idx').on(t.workspaceId, t.primaryContactId),
  index('deals_close_idx').on(t.workspaceId, t.status, t.closeDate),
  index('deals_tags_gin').using('gin', t.workspaceId, t.tags),
  index('deals_custom_gin').using('gin', t.workspaceId, t.custom.op('jsonb_path_ops')),
  // Sales performance: deals closed in a range and open pipeline per owner, read from the index
  // alone; the funnel's cohort by creation date.
  index('deals_closed_idx').on(t.workspaceId, t.closedAt, t.ownerId, t.status, t.currency, t.amountMinor, t.createdAt, t.pipelineId).where(sql`${t.deletedAt} is null and ${t.status} in ('won', 'lost')`),
  // The weighted forecast: open deals by expected close date, with every column it sums or groups by (an index-only scan).
  index('deals_open_forecast_idx').on(t.workspaceId, t.closeDate, t.ownerId, t.stageId, t.currency, t.amountMinor, t.probability, t.forecastCategory, t.pipelineId).where(sql`${t.deletedAt} is null and ${t.status} = 'open'`),
  index('deals_open_owner_idx').on(t.workspaceId, t.ownerId, t.currency, t.amountMinor, t.pipelineId).where(sql`${t.deletedAt} is null and ${t.status} = 'open'`),
  index('deals_created_idx').on(t.workspaceId, t.pipelineId, t.createdAt),
  // The stalled-deal workflow's date sweep (every 30 s): a range of "stalled since" (null for closed, trashed and switched-off deals).
  index('deals_stalled_idx').on(t.workspaceId, t.stalledAt).where(sql`${t.stalledAt} is not null`),
  index('deals_trashed_idx').on(t.workspaceId, t.id).where(sql`${t.deletedAt} is not null`),
]);

/** Every stage change of a deal, with the time it spent in the stage it left. */
export const dealStageHistory = pgTable('deal_stage_history', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  dealId: uuid('deal_id').notNull(),
  pipelineId: uuid('pipeline_id').notNull(),
  fromStageId: uuid('from_stage_id'),
  toStageId: uuid('to_stage_id').notNull(),
  changedAt: tstz('changed_at').notNull().defaultNow(),
  changedBy: uuid('changed_by'),
  /** Seconds spent in `from_stage_id` (null for the first entry). */
  secondsInFrom: bigint('seconds_in_from', { mode: 'number' }),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  foreignKey({ columns: [t.workspaceId, t.dealId], foreignColumns: [deals.workspaceId, deals.id] }).onDelete('cascade'),
  index('deal_stage_history_deal_idx').on(t.workspaceId, t.dealId, t.changedAt),
  index('deal_stage_history_to_idx').on(t.workspaceId, t.toStageId, t.changedAt),
  // Stage moves per person in a range (sales performance), from the index alone.
  index('deal_stage_history_moves_idx').on(t.workspaceId, t.changedAt, t.changedBy, t.dealId, t.pipelineId).where(sql`${t.fromStageId} is not null`),
]);

/** Stakeholders: contacts on a deal with their role (decision maker, influencer…). */
export const dealContacts = pgTable('deal_contacts', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  dealId: uuid('deal_id').notNull(),
  contactId: uuid('contact_id').notNull(),
  role: text('role'),
  isPrimary: boolean('is_primary').notNull().default(false),
  createdAt: tstz('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.dealId, t.contactId] }),
  foreignKey({ columns: [t.workspaceId, t.dealId], foreignColumns: [deals.workspaceId, deals.id] }).onDelete('cascade'),
  index('deal_contacts_contact_idx').on(t.workspaceId, t.contactId),
]);

/** Competitors (M8) and the deals they are on. */
export const competitors = pgTable('competitors', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  website: text('website'),
  strengths: text('strengths'),
  weaknesses: text('weaknesses'),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  uniqueIndex('competitors_name_idx').on(t.workspaceId, t.name).where(sql`deleted_at is null`),
]);

export const dealCompetitors = pgTable('deal_competitors', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  dealId: uuid('deal_id').notNull(),
  competitorId: uuid('competitor_id').notNull(),
  /** active while the deal is open; won_against or lost_to once it closes. */
  status: text('status').notNull().default('active'),
  note: text('note'),
  createdAt: tstz('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.dealId, t.competitorId] }),
  foreignKey({ columns: [t.workspaceId, t.dealId], foreignColumns: [deals.workspaceId, deals.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.workspaceId, t.competitorId], foreignColumns: [competitors.workspaceId, competitors.id] }).onDelete('restrict'),
  index('deal_competitors_competitor_idx').on(t.workspaceId, t.competitorId),
]);

/** Reasons offered when a deal is won or lost (a picklist per workspace). */
export const dealReasons = pgTable('deal_reasons', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  kind: text('kind').$type<'won' | 'lost' | 'disqualified'>().notNull(),
  key: text('key').notNull(),
  labels: jsonb('labels').$type<Record<string, string>>().notNull(),
  position: integer('position').notNull().default(0),
  active: boolean('active').notNull().default(true),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  uniqueIndex('deal_reasons_key_idx').on(t.workspaceId, t.kind, t.key),
]);

export type DealRow = typeof deals.$inferSelect;
