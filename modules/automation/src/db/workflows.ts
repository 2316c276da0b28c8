import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { TWorkflowGraph } from '@voyage/contracts';
import { recordColumns, schema, tstz, workspaceIdColumn } from '@voyage/kernel';

/**
 * Workflows (A1): the editable draft graph, and the frozen versions runs start on. Status `on`
 * needs a published version. `webhookSecretHash` is the sha256 of the inbound webhook's secret
 * (the secret itself is shown once it is made and again through the admin-only URL: see
 * `webhookSecret`, sealed with the app key).
 */
export const workflows = pgTable('workflows', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  description: text('description'),
  status: text('status').$type<'off' | 'on'>().notNull().default('off'),
  draft: jsonb('draft').$type<TWorkflowGraph>().notNull(),
  draftVersion: integer('draft_version').notNull().default(1),
  publishedVersion: integer('published_version'),
  /** The draft_version that was published last: the draft changed when they differ. */
  publishedDraftVersion: integer('published_draft_version'),
  templateKey: text('template_key'),
  webhookSecret: text('webhook_secret'),
  webhookSecretHash: text('webhook_secret_hash'),
  inFlight: text('in_flight').$type<'continue' | 'stop'>().notNull().default('continue'),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('workflows_status_idx').on(t.workspaceId, t.status).where(sql`${t.deletedAt} is null`),
]);

export const workflowVersions = pgTable('workflow_versions', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  workflowId: uuid('workflow_id').notNull(),
  version: integer('version').notNull(),
  graph: jsonb('graph').$type<TWorkflowGraph>().notNull(),
  /** Actions run as the publisher: their rights at run time decide (they may lose them). */
  runAsUserId: uuid('run_as_user_id').notNull(),
  publishedAt: tstz('published_at').notNull().defaultNow(),
  publishedBy: uuid('published_by'),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.workflowId, t.version] })]);

/**
 * One execution. `currentNodeId`/`currentIteration` point at the step to run next; a run with
 * status `running` and `readyAt <= now` is picked up by the runner. `dedupeKey` makes a trigger
 * start one run per workflow however often it is delivered.
 */
export const workflowRuns = pgTable('workflow_runs', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  workflowId: uuid('workflow_id').notNull(),
  workflowVersion: integer('workflow_version').notNull(),
  object: text('object'),
  recordId: uuid('record_id'),
  trigger: jsonb('trigger').$type<Record<string, unknown>>().notNull(),
  status: text('status').$type<'running' | 'waiting' | 'completed' | 'failed' | 'cancelled'>().notNull(),
  /** Error code and params, translated when read. */
  error: jsonb('error').$type<{ key: string; params?: Record<string, string | number>; message?: string } | null>(),
  depth: integer('depth').notNull().default(0),
  dedupeKey: text('dedupe_key').notNull(),
  currentNodeId: text('current_node_id'),
  currentIteration: integer('current_iteration').notNull().default(0),
  /** How often each node was entered: the next visit's iteration. */
  visits: jsonb('visits').$type<Record<string, number>>().notNull().default({}),
  readyAt: tstz('ready_at'),
  waitingUntil: tstz('waiting_until'),
  startedAt: tstz('started_at').notNull(),
  finishedAt: tstz('finished_at'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  uniqueIndex('workflow_runs_dedupe_idx').on(t.workspaceId, t.workflowId, t.dedupeKey),
  index('workflow_runs_list_idx').on(t.workspaceId, t.workflowId, t.startedAt.desc()),
  index('workflow_runs_record_idx').on(t.workspaceId, t.workflowId, t.recordId, t.startedAt),
  // The runner's queue: ready runs, oldest first, across workspaces.
  index('workflow_runs_ready_idx').on(t.readyAt).where(sql`${t.status} = 'running'`),
]);

/** One step of a run; unique per (run, node, iteration), so a redelivered step never acts twice. */
export const workflowSteps = pgTable('workflow_steps', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  runId: uuid('run_id').notNull(),
  nodeId: text('node_id').notNull(),
  iteration: integer('iteration').notNull().default(0),
  type: text('type').notNull(),
  status: text('status').$type<'running' | 'waiting' | 'completed' | 'failed' | 'skipped' | 'cancelled'>().notNull(),
  attempt: integer('attempt').notNull().default(0),
  input: jsonb('input'),
  output: jsonb('output'),
  outcome: text('outcome'),
  error: text('error'),
  startedAt: tstz('started_at').notNull(),
  finishedAt: tstz('finished_at'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  uniqueIndex('workflow_steps_node_idx').on(t.workspaceId, t.runId, t.nodeId, t.iteration),
]);

/** A pending wait: the timer sweep resumes it at `dueAt`, a matching event (correlation key) before. */
export const workflowWaits = pgTable('workflow_waits', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  runId: uuid('run_id').notNull(),
  stepId: uuid('step_id').notNull(),
  dueAt: tstz('due_at'),
  /** The handle the due time takes: null (next) for duration/until, `timeout` for an event wait. */
  dueOutcome: text('due_outcome'),
  event: text('event'),
  correlationKey: text('correlation_key'),
  status: text('status').$type<'pending' | 'fired' | 'cancelled'>().notNull().default('pending'),
  outcome: text('outcome'),
  firedAt: tstz('fired_at'),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('workflow_waits_due_idx').on(t.dueAt).where(sql`${t.status} = 'pending'`),
  index('workflow_waits_event_idx').on(t.workspaceId, t.event, t.correlationKey).where(sql`${t.status} = 'pending' and ${t.event} is not null`),
  index('workflow_waits_run_idx').on(t.workspaceId, t.runId),
]);

/** Last sweep per (workflow) for date and schedule triggers: what passed since is due. */
export const workflowTriggerMarks = pgTable('workflow_trigger_marks', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  workflowId: uuid('workflow_id').notNull(),
  sweptAt: tstz('swept_at').notNull(),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.workflowId] })]);

/**
 * Templates installed (published and switched on) by default, once per workspace: the row is
 * what keeps an admin's later choice (off, edited, trashed) from being overridden.
 */
export const workflowDefaultInstalls = pgTable('workflow_default_installs', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  templateKey: text('template_key').notNull(),
  workflowId: uuid('workflow_id').notNull(),
  installedAt: tstz('installed_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.templateKey] })]);

export type WorkflowRow = typeof workflows.$inferSelect;
export type WorkflowRunRow = typeof workflowRuns.$inferSelect;
export type WorkflowStepRow = typeof workflowSteps.$inferSelect;
