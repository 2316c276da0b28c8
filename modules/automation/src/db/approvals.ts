import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, schema, tstz, workspaceIdColumn } from '@voyage/kernel';
import type { TWorkflowRuleGroup } from '@voyage/contracts';

export interface ApprovalStepConfig {
  id: string;
  name: string;
  condition: TWorkflowRuleGroup | null;
  approver: { kind: 'user' | 'role' | 'supervisor' | 'department_head' | 'submitter_choice'; userId?: string | null; roleId?: string | null; mode: 'any' | 'all'; levels: number };
}

/** An approval process (A3): per record kind, ordered steps, policies. Trashed with `deleted_at`. */
export const approvalProcesses = pgTable('approval_processes', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  description: text('description'),
  object: text('object').notNull(),
  active: boolean('active').notNull().default(true),
  steps: jsonb('steps').$type<ApprovalStepConfig[]>().notNull(),
  /** auto_approve | admin */
  noApprover: text('no_approver').$type<'auto_approve' | 'admin'>().notNull(),
  guardedFields: text('guarded_fields').array().notNull().default(sql`'{}'::text[]`),
  /** first_step | rejected_step */
  resubmit: text('resubmit').$type<'first_step' | 'rejected_step'>().notNull(),
  onApproved: jsonb('on_approved').$type<Record<string, unknown>>().notNull().default({}),
  onRejected: jsonb('on_rejected').$type<Record<string, unknown>>().notNull().default({}),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index('approval_processes_object_idx').on(t.workspaceId, t.object),
]);

/** A stage of a request: a process step, or one level of a supervisor step. */
export interface ApprovalStage { stepId: string; name: string; level: number; mode: 'any' | 'all' }

/**
 * A record submitted to a process. The steps that applied when it was (re)submitted are frozen
 * in `stages`, with the process's settings, so editing the process does not change it.
 */
export const approvalRequests = pgTable('approval_requests', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  processId: uuid('process_id').notNull(),
  object: text('object').notNull(),
  recordId: uuid('record_id').notNull(),
  submittedBy: uuid('submitted_by').notNull(),
  chosenApproverId: uuid('chosen_approver_id'),
  /** pending | approved | rejected | returned | withdrawn */
  status: text('status').$type<'pending' | 'approved' | 'rejected' | 'returned' | 'withdrawn'>().notNull(),
  round: integer('round').notNull().default(1),
  process: jsonb('process').$type<{ name: string; steps: ApprovalStepConfig[]; noApprover: 'auto_approve' | 'admin'; guardedFields: string[]; resubmit: 'first_step' | 'rejected_step'; onApproved: Record<string, unknown>; onRejected: Record<string, unknown> }>().notNull(),
  stages: jsonb('stages').$type<ApprovalStage[]>().notNull(),
  currentStage: integer('current_stage'),
  /** The stage that rejected or returned it last: where a `rejected_step` resubmission starts. */
  stoppedStage: integer('stopped_stage'),
  /** Set when a workflow asked for it: its run and step, and the step's idempotency key. */
  runId: text('run_id'),
  runStepId: text('run_step_id'),
  idempotencyKey: text('idempotency_key'),
  submittedAt: tstz('submitted_at').notNull().defaultNow(),
  decidedAt: tstz('decided_at'),
  version: integer('version').notNull().default(1),
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  foreignKey({ columns: [t.workspaceId, t.processId], foreignColumns: [approvalProcesses.workspaceId, approvalProcesses.id] }).onDelete('cascade'),
  index('approval_requests_record_idx').on(t.workspaceId, t.object, t.recordId),
  index('approval_requests_submitter_idx').on(t.workspaceId, t.submittedBy, t.status),
  // One pending request per record at a time.
  uniqueIndex('approval_requests_pending_idx').on(t.workspaceId, t.object, t.recordId).where(sql`${t.status} = 'pending'`),
  uniqueIndex('approval_requests_idempotency_idx').on(t.workspaceId, t.idempotencyKey),
]);

/** One approver's part in one stage of one round (`approverId` null: decided automatically). */
export const approvalTasks = pgTable('approval_tasks', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  requestId: uuid('request_id').notNull(),
  round: integer('round').notNull(),
  stageIndex: integer('stage_index').notNull(),
  approverId: uuid('approver_id'),
  /** pending | approved | rejected | returned | skipped | cancelled */
  status: text('status').$type<'pending' | 'approved' | 'rejected' | 'returned' | 'skipped' | 'cancelled'>().notNull(),
  comment: text('comment').notNull().default(''),
  decidedAt: tstz('decided_at'),
  createdAt: tstz('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  foreignKey({ columns: [t.workspaceId, t.requestId], foreignColumns: [approvalRequests.workspaceId, approvalRequests.id] }).onDelete('cascade'),
  index('approval_tasks_request_idx').on(t.workspaceId, t.requestId),
  index('approval_tasks_approver_idx').on(t.workspaceId, t.approverId, t.status),
]);

/** What happened to a request, in order: submissions, decisions, withdrawals. */
export const approvalHistory = pgTable('approval_history', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  requestId: uuid('request_id').notNull(),
  actorId: uuid('actor_id'),
  action: text('action').$type<'submitted' | 'approved' | 'rejected' | 'returned' | 'withdrawn' | 'resubmitted'>().notNull(),
  comment: text('comment').notNull().default(''),
  stageIndex: integer('stage_index'),
  at: tstz('at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  foreignKey({ columns: [t.workspaceId, t.requestId], foreignColumns: [approvalRequests.workspaceId, approvalRequests.id] }).onDelete('cascade'),
  index('approval_history_request_idx').on(t.workspaceId, t.requestId, t.at),
]);

export type ApprovalProcessRow = typeof approvalProcesses.$inferSelect;
export type ApprovalRequestRow = typeof approvalRequests.$inferSelect;
export type ApprovalTaskRow = typeof approvalTasks.$inferSelect;
