import type { SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { ZodType } from 'zod';
import type { Context } from '../context';
import type { Queryable } from '../db/client';
import type { FieldIssue } from '../errors';
import type { JobSender } from '../jobs/define-job';
import type { Locale } from '../i18n/locales';
import type { ListSpec } from '../records/list-query';

/**
 * The automation catalogue (A1): what each module offers the workflow engine. A module declares
 * it in its definition (`automation: { records, actions, events }`); the registry collects it
 * here with the module's key, so the engine (a module itself) never imports another module.
 * Later modules (marketing, service, success…) add their record kinds, actions and events the
 * same way.
 */

export type Labels = Record<Locale, string>;

/** How the designer shows and edits a record field, and how the engine compares it. */
export type WorkflowFieldKind = 'text' | 'number' | 'money' | 'date' | 'datetime' | 'boolean' | 'picklist' | 'user' | 'tags' | 'multi' | 'record';

export interface WorkflowFieldInfo {
  /** API name, as in the record's JSON and its list filters; custom fields are `custom.<key>`. */
  key: string;
  labels: Labels;
  kind: WorkflowFieldKind;
  options?: Array<{ value: string; labels: Labels }>;
  /** The "update fields" action may set it (through the module's update use case). */
  writable?: boolean;
  /** For kind `record`: the object it points at. */
  object?: string;
}

/**
 * A record kind workflows can start from and act on: its events (created/updated/deleted, with
 * `{ id, changes?, previous? }` payloads), its fields, how to read and change its records.
 * Custom fields of the object are added by the engine from the workspace's definitions.
 */
export interface WorkflowRecordSource {
  object: string;
  labels: Labels;
  /** Outbox event names; the updated event's payload carries `changes` and `previous` (field → value). */
  events: { created?: string; updated?: string; deleted?: string };
  /** The list spec, so conditions compile with the same rule builder as segments (compileRuleGroup). */
  list: ListSpec;
  table: PgTable;
  columns: { workspaceId: PgColumn; id: PgColumn; deletedAt?: PgColumn; ownerId?: PgColumn };
  fields: WorkflowFieldInfo[];
  /** Fields the "date comes near" trigger may watch, with their column (date or timestamptz). */
  dateFields?: Record<string, PgColumn | SQL>;
  /** Reads live records as field → value maps (custom fields under `custom.<key>`); missing or trashed ids are absent. */
  load(db: Queryable, workspaceId: string, ids: string[]): Promise<Map<string, Record<string, unknown>>>;
  /**
   * Changes fields through the owning module's update use case (validation, field rules, audit,
   * events), as `ctx.actor`, inside `ctx.db`. Values are keyed like `fields` (custom.<key> too).
   * A missing record throws AppError `not_found`; bad values throw a validation error.
   */
  update?(ctx: Context, id: string, values: Record<string, unknown>): Promise<void>;
  /** Optional: the same change for many records in one call of the update use case. */
  updateMany?(ctx: Context, changes: Array<{ id: string; values: Record<string, unknown> }>): Promise<void>;
  /** Creates a record through the owning module's create use case; returns its id. */
  create?(ctx: Context, values: Record<string, unknown>): Promise<{ id: string }>;
}

/** One input of an action's form, which the designer renders (forms are generated from these). */
export interface WorkflowActionField {
  key: string;
  labels: Labels;
  /**
   * text/textarea/number/boolean; select (options); user/users (members); role/roles;
   * template (email template id); field_values (field → value map of the workflow's object);
   * field (one field of the object); tags; object (a record kind); url; duration ({amount, unit}).
   * `merge` on text/textarea: accepts {{merge.fields}} of the workflow's record.
   */
  kind: 'text' | 'textarea' | 'number' | 'boolean' | 'select' | 'user' | 'users' | 'role' | 'roles' | 'template' | 'field_values' | 'field' | 'tags' | 'object' | 'url' | 'duration';
  required?: boolean;
  merge?: boolean;
  options?: Array<{ value: string; labels: Labels }>;
  help?: Labels;
}

/** What an action receives when it runs (or is previewed by a test run). */
export interface WorkflowActionContext {
  /** Acts as the workflow's run-as user; `db` is the step's transaction. */
  ctx: Context;
  workflowId: string;
  runId: string;
  /** The node id of the step in the graph. */
  stepId: string;
  /**
   * Stable for this step of this run, across retries and redeliveries: use it to make external
   * effects happen once (a mail's dedupe key, a created task's id, a webhook-id).
   */
  idempotencyKey: string;
  /** The record the run is about, read fresh before the step; null for runs without one (schedule, webhook). */
  record: { object: string; id: string; values: Record<string, unknown> } | null;
  /** The trigger's payload: the event, the webhook body, the schedule's time. */
  trigger: Record<string, unknown>;
  /** Outputs of earlier steps, by node id. */
  steps: Record<string, Record<string, unknown>>;
  /** The engine's clock (tests move it). */
  now: Date;
  jobs: JobSender;
  /**
   * Replaces {{merge.fields}} in a text with the record's, its owner's (`{{owner.name}}`,
   * `{{owner.email}}`), the trigger's and earlier steps' values.
   */
  merge(text: string): Promise<string>;
}

export interface WorkflowActionDefinition<I = Record<string, unknown>> {
  /** `<module>.<what>`: `automation.send_email`, `sales.create_task`. */
  key: string;
  labels: Labels;
  descriptions?: Labels;
  fields: WorkflowActionField[];
  /** Validates the node's saved input (a 422 on publish names `nodes.<id>.input.<field>`). */
  input: ZodType<I>;
  /** The record kinds it works on; absent = any, or none needed. */
  objects?: string[];
  /** Publish-time checks beyond the schema (unknown merge field, missing template…). Paths are relative to the input. */
  check?(ctx: Context, input: I, object: string | null): Promise<FieldIssue[]>;
  /** What it would do, without doing it: a test run shows this. Must not write. */
  describe(actx: WorkflowActionContext, input: I): Promise<{ summary: string; output?: Record<string, unknown> }>;
  /** Does it, idempotently under `actx.idempotencyKey`; returns the step's output. Throws to fail the step (retried with backoff). */
  run(actx: WorkflowActionContext, input: I): Promise<Record<string, unknown>>;
  /**
   * Optional: does it for many runs at once (the engine's batch path hands over the runs of one
   * workspace and run-as user that reached this action together), with the same result as `run`
   * on each in turn; returns their outputs in order. Throws when any fails (the engine then
   * runs each one by one).
   */
  runMany?(items: Array<{ actx: WorkflowActionContext; input: I }>): Promise<Array<Record<string, unknown>>>;
}

/** An event workflows can wait for or start from (an email opened, an approval decided). */
export interface WorkflowEventDefinition {
  /** The outbox event name. */
  event: string;
  labels: Labels;
  /** How to find the run(s) waiting for it: the payload key holding the record id, or the run id. */
  correlate: { recordIdKey?: string; runIdKey?: string; stepIdKey?: string };
  /** The record kind its `recordIdKey` points at, when it starts workflows on a record. */
  object?: string;
}

export interface WorkflowDeclarations {
  records?: WorkflowRecordSource[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  actions?: Array<WorkflowActionDefinition<any>>;
  events?: WorkflowEventDefinition[];
}

type WithModule<T> = T & { module: string };

const records = new Map<string, WithModule<WorkflowRecordSource>>();
const actions = new Map<string, WithModule<WorkflowActionDefinition>>();
const events = new Map<string, WithModule<WorkflowEventDefinition>>();

/** Called by the module registry for each module's `automation` declarations. Registering again replaces (tests build many apps). */
export function registerWorkflowDeclarations(module: string, declarations: WorkflowDeclarations): void {
  for (const r of declarations.records ?? []) records.set(r.object, { ...r, module });
  for (const a of declarations.actions ?? []) actions.set(a.key, { ...a, module } as WithModule<WorkflowActionDefinition>);
  for (const e of declarations.events ?? []) events.set(e.event, { ...e, module });
}

export function workflowRecordSources(): Array<WithModule<WorkflowRecordSource>> {
  return [...records.values()];
}
export function workflowRecordSource(object: string): WithModule<WorkflowRecordSource> | undefined {
  return records.get(object);
}
export function workflowActions(): Array<WithModule<WorkflowActionDefinition>> {
  return [...actions.values()];
}
export function workflowAction(key: string): WithModule<WorkflowActionDefinition> | undefined {
  return actions.get(key);
}
export function workflowEvents(): Array<WithModule<WorkflowEventDefinition>> {
  return [...events.values()];
}
export function workflowEvent(event: string): WithModule<WorkflowEventDefinition> | undefined {
  return events.get(event);
}
