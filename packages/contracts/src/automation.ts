import { z } from 'zod';

/**
 * Workflows (A1, A2, A4): a versioned graph of one trigger, conditions, branches, actions,
 * waits and ends. The designer edits a draft graph; publishing validates it and freezes a
 * numbered version that new runs use. Runs keep the version they started on.
 */

export const WORKFLOW_TRIGGER_KINDS = ['record_created', 'record_updated', 'field_changed', 'date_relative', 'schedule', 'webhook', 'manual', 'event'] as const;
export type TWorkflowTriggerKind = (typeof WORKFLOW_TRIGGER_KINDS)[number];

export const WORKFLOW_NODE_TYPES = ['trigger', 'condition', 'branch', 'action', 'wait', 'end'] as const;
export type TWorkflowNodeType = (typeof WORKFLOW_NODE_TYPES)[number];

/** The segments rule builder's shape: AND/OR groups of field/operator/value conditions. */
export type TWorkflowRuleGroup = { op: 'and' | 'or'; rules: Array<{ field: string; operator: string; value?: unknown } | TWorkflowRuleGroup> };
export const ZWorkflowRuleGroup: z.ZodType<TWorkflowRuleGroup> = z.object({
  op: z.enum(['and', 'or']),
  get rules() {
    return z.array(z.union([z.object({ field: z.string().min(1).max(200), operator: z.string().min(1).max(40), value: z.unknown().optional() }), ZWorkflowRuleGroup])).max(100);
  },
}).meta({ id: 'WorkflowRuleGroup' }); // recursive: OpenAPI refers to it by this id

export const ZWorkflowDuration = z.object({ amount: z.number().int().min(1).max(100_000), unit: z.enum(['minutes', 'hours', 'days']) });
export type TWorkflowDuration = z.infer<typeof ZWorkflowDuration>;

/** The trigger node's settings. Which keys matter depends on `kind`; publishing checks them. */
export const ZWorkflowTrigger = z.object({
  kind: z.enum(WORKFLOW_TRIGGER_KINDS),
  /** Record kind (contact, account, deal, lead, task…): required for record, field, date and manual triggers. */
  object: z.string().max(60).optional(),
  /** field_changed: the field; date_relative: the date field. */
  field: z.string().max(200).optional(),
  /** field_changed: only when it changes from / to these values (absent = any). */
  from: z.unknown().optional(),
  to: z.unknown().optional(),
  /** date_relative: days relative to the date (negative = before, positive = after). */
  offsetDays: z.number().int().min(-3650).max(3650).optional(),
  /** schedule: a 5-field cron expression, and its time zone (IANA). */
  cron: z.string().max(100).optional(),
  timezone: z.string().max(60).optional(),
  /** event: an event name from the catalogue (`automation.approval.approved`…). */
  event: z.string().max(120).optional(),
  /** webhook: the fields the payload must carry, checked on every call (400 otherwise). */
  payload: z.array(z.object({ key: z.string().min(1).max(100), type: z.enum(['string', 'number', 'boolean', 'email']), required: z.boolean().default(true) })).max(50).optional(),
  /** Only start for records matching these rules (record triggers). */
  filter: ZWorkflowRuleGroup.optional(),
});
export type TWorkflowTrigger = z.infer<typeof ZWorkflowTrigger>;

/** A wait: a duration, until a date (fixed or a record field ± days), or an event with a timeout. */
export const ZWorkflowWait = z.object({
  mode: z.enum(['duration', 'until', 'event']),
  duration: ZWorkflowDuration.optional(),
  /** until: an ISO date-time, or a date field of the record plus `offsetDays`. */
  until: z.object({ at: z.string().max(40).optional(), field: z.string().max(200).optional(), offsetDays: z.number().int().min(-3650).max(3650).optional() }).optional(),
  /** event: the event name; the run goes on by the `event` edge when it happens, by `timeout` after `timeout`. */
  event: z.string().max(120).optional(),
  timeout: ZWorkflowDuration.optional(),
});
export type TWorkflowWait = z.infer<typeof ZWorkflowWait>;

export const ZWorkflowNode = z.object({
  id: z.string().min(1).max(60),
  type: z.enum(WORKFLOW_NODE_TYPES),
  /** Canvas position. */
  position: z.object({ x: z.number(), y: z.number() }),
  /** Shown on the canvas instead of the default title. */
  label: z.string().max(200).optional(),
  /** trigger */
  trigger: ZWorkflowTrigger.optional(),
  /** condition: rules; its edges leave by the `true` and `false` handles. */
  rules: ZWorkflowRuleGroup.optional(),
  /** branch: ordered ways, the first that matches wins; edges leave by each way's `key`, or `else`. */
  branches: z.array(z.object({ key: z.string().min(1).max(40), label: z.string().max(200), rules: ZWorkflowRuleGroup })).max(20).optional(),
  /** action: the catalogue's action key and its input (checked against the action's schema on publish). */
  action: z.string().max(120).optional(),
  input: z.record(z.string(), z.unknown()).optional(),
  /** wait */
  wait: ZWorkflowWait.optional(),
});
export type TWorkflowNode = z.infer<typeof ZWorkflowNode>;

/**
 * An edge. `sourceHandle`: condition `true`/`false`; branch way key or `else`; event wait
 * `event`/`timeout`; absent elsewhere (the one next step).
 */
export const ZWorkflowEdge = z.object({ id: z.string().min(1).max(120), source: z.string().min(1).max(60), target: z.string().min(1).max(60), sourceHandle: z.string().max(60).optional() });
export type TWorkflowEdge = z.infer<typeof ZWorkflowEdge>;

export const ZWorkflowGraph = z.object({ nodes: z.array(ZWorkflowNode).max(200), edges: z.array(ZWorkflowEdge).max(400) });
export type TWorkflowGraph = z.infer<typeof ZWorkflowGraph>;

/** A problem that blocks publishing; `path` is `nodes.<id>.input.<field>`, `nodes.<id>`, `edges.<id>` or `graph`. */
export const ZWorkflowIssue = z.object({ path: z.string(), nodeId: z.string().nullable(), code: z.string(), message: z.string() });
export type TWorkflowIssue = z.infer<typeof ZWorkflowIssue>;

export const WORKFLOW_STATUSES = ['off', 'on'] as const;

export const ZWorkflow = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(WORKFLOW_STATUSES),
  /** The record kind of its trigger, for lists and filters (null for schedule/webhook/event triggers without one). */
  object: z.string().nullable(),
  triggerKind: z.enum(WORKFLOW_TRIGGER_KINDS).nullable(),
  draft: ZWorkflowGraph,
  /** The draft differs from the published version. */
  draftChanged: z.boolean(),
  publishedVersion: z.number().int().nullable(),
  /** From the template it was installed from. */
  templateKey: z.string().nullable(),
  /** Webhook triggers: the secret URL path (`/api/v1/hooks/workflows/<id>/<secret>`), shown to admins only. */
  webhookUrl: z.string().nullable(),
  stats: z.object({ running: z.number().int(), waiting: z.number().int(), failed: z.number().int(), completed: z.number().int() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type TWorkflow = z.infer<typeof ZWorkflow>;

export const ZWorkflowListResponse = z.object({ data: z.array(ZWorkflow.omit({ draft: true })) });
export const ZCreateWorkflowRequest = z.object({ name: z.string().trim().min(1).max(200), description: z.string().max(2000).nullish(), draft: ZWorkflowGraph.optional() });
export const ZUpdateWorkflowRequest = z.object({ version: z.number().int(), name: z.string().trim().min(1).max(200).optional(), description: z.string().max(2000).nullish(), draft: ZWorkflowGraph.optional() });
/** 422 `workflow.invalid_graph` carries `details.issues: TWorkflowIssue[]`. */
export const ZPublishWorkflowRequest = z.object({ version: z.number().int() });
export const ZValidateWorkflowResponse = z.object({ valid: z.boolean(), issues: z.array(ZWorkflowIssue) });
/** Turning off: runs in flight continue, or stop (cancelled). */
export const ZSetWorkflowStatusRequest = z.object({ version: z.number().int(), status: z.enum(WORKFLOW_STATUSES), inFlight: z.enum(['continue', 'stop']).default('continue') });
export const ZWorkflowVersion = z.object({ version: z.number().int(), publishedAt: z.string(), publishedBy: z.string().nullable(), publishedByName: z.string().nullable(), graph: ZWorkflowGraph });
export type TWorkflowVersion = z.infer<typeof ZWorkflowVersion>;
export const ZWorkflowVersionsResponse = z.object({ data: z.array(ZWorkflowVersion) });
export const ZWorkflowVersionParams = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) });
/** Copies a published version's graph into the draft; `version` is the workflow's, as read (409 when stale). */
export const ZRestoreWorkflowVersionRequest = z.object({ version: z.number().int() });

/** Manual trigger: run on selected records (each gets its own run; loop caps apply). */
export const ZRunWorkflowRequest = z.object({ recordIds: z.array(z.uuid()).min(1).max(500) });
export const ZRunWorkflowResponse = z.object({ started: z.number().int(), skipped: z.array(z.object({ recordId: z.string(), reason: z.string() })) });

/** A dry run against one record: what each step would do, following the path the record takes. */
export const ZTestRunRequest = z.object({ recordId: z.uuid().optional(), payload: z.record(z.string(), z.unknown()).optional(), useDraft: z.boolean().default(true) });
export const ZTestRunStep = z.object({ nodeId: z.string(), type: z.enum(WORKFLOW_NODE_TYPES), title: z.string(), summary: z.string(), outcome: z.string().nullable(), error: z.string().nullable() });
export const ZTestRunResponse = z.object({ steps: z.array(ZTestRunStep) });

export const WORKFLOW_RUN_STATUSES = ['running', 'waiting', 'completed', 'failed', 'cancelled'] as const;
export const WORKFLOW_STEP_STATUSES = ['running', 'waiting', 'completed', 'failed', 'skipped', 'cancelled'] as const;

export const ZWorkflowRun = z.object({
  id: z.uuid(),
  workflowId: z.uuid(),
  workflowVersion: z.number().int(),
  status: z.enum(WORKFLOW_RUN_STATUSES),
  object: z.string().nullable(),
  recordId: z.string().nullable(),
  recordTitle: z.string().nullable(),
  /** Why it failed, translated. */
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** For a waiting run: when its wait times out or ends. */
  waitingUntil: z.string().nullable(),
});
export type TWorkflowRun = z.infer<typeof ZWorkflowRun>;
export const ZWorkflowRunListResponse = z.object({ data: z.array(ZWorkflowRun), nextCursor: z.string().nullable() });

export const ZWorkflowStep = z.object({
  id: z.uuid(),
  nodeId: z.string(),
  type: z.enum(WORKFLOW_NODE_TYPES),
  title: z.string(),
  status: z.enum(WORKFLOW_STEP_STATUSES),
  attempt: z.number().int(),
  input: z.unknown().nullable(),
  output: z.unknown().nullable(),
  /** condition/branch/wait: the handle taken (`true`, a way key, `event`, `timeout`). */
  outcome: z.string().nullable(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export const ZWorkflowRunDetail = ZWorkflowRun.extend({ trigger: z.unknown(), steps: z.array(ZWorkflowStep), graph: ZWorkflowGraph });
export type TWorkflowRunDetail = z.infer<typeof ZWorkflowRunDetail>;

/** The catalogue the designer builds forms from, translated to the request's locale. */
export const ZWorkflowCatalogField = z.object({ key: z.string(), label: z.string(), kind: z.string(), writable: z.boolean(), object: z.string().nullable(), options: z.array(z.object({ value: z.string(), label: z.string() })).nullable() });
export const ZWorkflowCatalogResponse = z.object({
  objects: z.array(z.object({ key: z.string(), label: z.string(), module: z.string(), fields: z.array(ZWorkflowCatalogField), dateFields: z.array(z.string()), canCreate: z.boolean(), canUpdate: z.boolean() })),
  actions: z.array(z.object({
    key: z.string(), module: z.string(), label: z.string(), description: z.string().nullable(), objects: z.array(z.string()).nullable(),
    fields: z.array(z.object({ key: z.string(), label: z.string(), kind: z.string(), required: z.boolean(), merge: z.boolean(), options: z.array(z.object({ value: z.string(), label: z.string() })).nullable(), help: z.string().nullable() })),
  })),
  events: z.array(z.object({ event: z.string(), label: z.string(), object: z.string().nullable() })),
  triggerKinds: z.array(z.enum(WORKFLOW_TRIGGER_KINDS)),
});
export type TWorkflowCatalog = z.infer<typeof ZWorkflowCatalogResponse>;

/** Ready-made workflows (stalled deal, next-contact reminder, deal won, large-deal approval, welcome sequence). */
export const ZWorkflowTemplate = z.object({ key: z.string(), name: z.string(), description: z.string(), installed: z.boolean(), workflowId: z.uuid().nullable() });
export const ZWorkflowTemplatesResponse = z.object({ data: z.array(ZWorkflowTemplate) });

/** Email templates with {{merge.fields}}; an unknown merge field is refused at save (422 naming the field). */
export const ZEmailTemplate = z.object({ id: z.uuid(), name: z.string(), object: z.string().nullable(), subject: z.string(), body: z.string(), createdAt: z.string(), updatedAt: z.string(), version: z.number().int() });
export type TEmailTemplate = z.infer<typeof ZEmailTemplate>;
export const ZEmailTemplateListResponse = z.object({ data: z.array(ZEmailTemplate) });
export const ZCreateEmailTemplateRequest = z.object({ name: z.string().trim().min(1).max(200), object: z.string().max(60).nullish(), subject: z.string().trim().min(1).max(300), body: z.string().min(1).max(100_000) });
export const ZUpdateEmailTemplateRequest = ZCreateEmailTemplateRequest.partial().extend({ version: z.number().int() });

/** Events the automation module emits. */
export const AUTOMATION_EVENTS = {
  emailOpened: 'automation.email.opened',
  runFailed: 'automation.run.failed',
  approvalSubmitted: 'automation.approval.submitted',
  approvalApproved: 'automation.approval.approved',
  approvalRejected: 'automation.approval.rejected',
  approvalReturned: 'automation.approval.returned',
  approvalWithdrawn: 'automation.approval.withdrawn',
} as const;

/** The merge fields an email template of a record kind may use, with labels, for the editor's picker. */
export const ZEmailMergeFieldsQuery = z.object({ object: z.string().max(60).optional() });
export const ZEmailMergeFieldsResponse = z.object({ data: z.array(z.object({ path: z.string(), label: z.string() })) });

/**
 * Installing a template (off, to review and publish). Every number is a setting with the
 * requirement's default; `processId` is the approval process of the large-deal template
 * (default: the workspace's only live deal process, if there is exactly one). A deal's stall
 * days are its pipeline's (sales stall settings); `escalateAfterDays` is the stalled-deal wait.
 */
export const ZInstallWorkflowTemplateRequest = z.object({
  escalateAfterDays: z.number().int().min(1).max(365).optional(),
  thresholdMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  openTimeoutHours: z.number().int().min(1).max(24 * 90).optional(),
  processId: z.uuid().optional(),
}).strict();
