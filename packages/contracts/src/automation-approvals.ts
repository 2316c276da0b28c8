import { z } from 'zod';
import { ZWorkflowRuleGroup } from './automation';

/**
 * Approval processes (A3): per record kind, ordered steps with an optional condition and their
 * approvers; what to do when a step has nobody to ask; the fields locked while a request is
 * pending; where a resubmission starts; and what the outcome writes on the record.
 */

export const APPROVER_KINDS = ['user', 'role', 'supervisor', 'department_head', 'submitter_choice'] as const;
export type TApproverKind = (typeof APPROVER_KINDS)[number];

export const ZApprovalApprover = z.object({
  kind: z.enum(APPROVER_KINDS),
  /** kind `user`. */
  userId: z.uuid().nullish(),
  /** kind `role`; `mode` any = the first decision counts, all = everyone of the role must approve. */
  roleId: z.uuid().nullish(),
  mode: z.enum(['any', 'all']).default('any'),
  /** kind `supervisor`: how many levels up the submitter's supervisor chain (each level approves in turn). */
  levels: z.number().int().min(1).max(10).default(1),
});
export type TApprovalApprover = z.infer<typeof ZApprovalApprover>;

export const ZApprovalStep = z.object({
  /** Stable within the process; new steps may leave it out (the server assigns one). */
  id: z.string().min(1).max(60).optional(),
  name: z.string().trim().min(1).max(200),
  /** The step applies only to records matching these rules (the segments rule builder's shape). */
  condition: ZWorkflowRuleGroup.nullish(),
  approver: ZApprovalApprover,
});
export type TApprovalStep = z.infer<typeof ZApprovalStep>;

export const APPROVAL_NO_APPROVER = ['auto_approve', 'admin'] as const;
export const APPROVAL_RESUBMIT = ['first_step', 'rejected_step'] as const;

const processFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  /** A record kind of the workflow catalogue (`deal`, `account`…). */
  object: z.string().min(1).max(60),
  active: z.boolean().default(true),
  steps: z.array(ZApprovalStep).min(1).max(20),
  noApprover: z.enum(APPROVAL_NO_APPROVER).default('admin'),
  /** Fields of the object that cannot change while a request is pending. */
  guardedFields: z.array(z.string().min(1).max(200)).max(100).default([]),
  resubmit: z.enum(APPROVAL_RESUBMIT).default('first_step'),
  /** Field → value written on the record when the request is approved / rejected (through the object's update). */
  onApproved: z.record(z.string(), z.unknown()).default({}),
  onRejected: z.record(z.string(), z.unknown()).default({}),
};

export const ZCreateApprovalProcessRequest = z.object(processFields);
export type TCreateApprovalProcessRequest = z.input<typeof ZCreateApprovalProcessRequest>;
export const ZUpdateApprovalProcessRequest = z.object({
  version: z.number().int(),
  name: processFields.name.optional(),
  description: processFields.description,
  active: z.boolean().optional(),
  steps: processFields.steps.optional(),
  noApprover: z.enum(APPROVAL_NO_APPROVER).optional(),
  guardedFields: z.array(z.string().min(1).max(200)).max(100).optional(),
  resubmit: z.enum(APPROVAL_RESUBMIT).optional(),
  onApproved: z.record(z.string(), z.unknown()).optional(),
  onRejected: z.record(z.string(), z.unknown()).optional(),
});
export type TUpdateApprovalProcessRequest = z.infer<typeof ZUpdateApprovalProcessRequest>;

export const ZApprovalProcess = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  object: z.string(),
  objectLabel: z.string(),
  active: z.boolean(),
  steps: z.array(ZApprovalStep.extend({ id: z.string() })),
  noApprover: z.enum(APPROVAL_NO_APPROVER),
  guardedFields: z.array(z.string()),
  resubmit: z.enum(APPROVAL_RESUBMIT),
  onApproved: z.record(z.string(), z.unknown()),
  onRejected: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  version: z.number().int(),
});
export type TApprovalProcess = z.infer<typeof ZApprovalProcess>;
export const ZApprovalProcessListQuery = z.object({ object: z.string().max(60).optional(), trash: z.enum(['true', 'false']).optional() });
export const ZApprovalProcessListResponse = z.object({ data: z.array(ZApprovalProcess) });
export const ZApprovalProcessVersionQuery = z.object({ version: z.coerce.number().int() });

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'returned', 'withdrawn'] as const;
export type TApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export const APPROVAL_DECISIONS = ['approve', 'reject', 'return'] as const;

/** Submit a record: by process, or by object (its first active process whose steps apply). */
export const ZSubmitApprovalRequest = z.object({
  processId: z.uuid().optional(),
  object: z.string().min(1).max(60).optional(),
  recordId: z.uuid(),
  comment: z.string().max(2000).default(''),
  /** Required when a step's approver is the submitter's choice. */
  chosenApproverId: z.uuid().nullish(),
});
export type TSubmitApprovalRequest = z.input<typeof ZSubmitApprovalRequest>;
export const ZDecideApprovalRequest = z.object({ decision: z.enum(APPROVAL_DECISIONS), comment: z.string().max(2000).default('') });
export const ZApprovalCommentRequest = z.object({ comment: z.string().max(2000).default(''), chosenApproverId: z.uuid().nullish() });

/** One approver's part in one stage of one round. */
export const ZApprovalTask = z.object({
  id: z.uuid(),
  round: z.number().int(),
  stageIndex: z.number().int(),
  approverId: z.uuid().nullable(),
  approverName: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'rejected', 'returned', 'skipped', 'cancelled']),
  comment: z.string(),
  decidedAt: z.string().nullable(),
  /** Decided without a person (no approver and the process approves automatically). */
  automatic: z.boolean(),
});
/** A step as it runs: a supervisor step of N levels is N stages. */
export const ZApprovalStage = z.object({ stepId: z.string(), name: z.string(), level: z.number().int(), mode: z.enum(['any', 'all']) });
export const ZApprovalHistoryEntry = z.object({ at: z.string(), actorId: z.uuid().nullable(), actorName: z.string().nullable(), action: z.enum(['submitted', 'approved', 'rejected', 'returned', 'withdrawn', 'resubmitted']), comment: z.string(), stageIndex: z.number().int().nullable() });

export const ZApprovalRequest = z.object({
  id: z.uuid(),
  processId: z.uuid(),
  processName: z.string(),
  object: z.string(),
  objectLabel: z.string(),
  recordId: z.uuid(),
  recordTitle: z.string().nullable(),
  status: z.enum(APPROVAL_STATUSES),
  submittedBy: z.uuid(),
  submitterName: z.string(),
  round: z.number().int(),
  stages: z.array(ZApprovalStage),
  /** The stage waiting for decisions; null once decided. */
  currentStage: z.number().int().nullable(),
  tasks: z.array(ZApprovalTask),
  history: z.array(ZApprovalHistoryEntry),
  lockedFields: z.array(z.string()),
  /** The same fields by their names in the reader's language. */
  lockedFieldLabels: z.array(z.string()),
  /** What the reader may do now. */
  canDecide: z.boolean(),
  canWithdraw: z.boolean(),
  canResubmit: z.boolean(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
});
export type TApprovalRequest = z.infer<typeof ZApprovalRequest>;

/** The emailed approval link (no sign-in): its signed token names the approver's part in one step. */
export const ZApprovalLinkParams = z.object({ token: z.string().min(1).max(300) });
/** What the link's page shows: the request as its approver sees it, and until when the link works. */
export const ZApprovalLink = z.object({ request: ZApprovalRequest, approverName: z.string(), expiresAt: z.string() });
export type TApprovalLink = z.infer<typeof ZApprovalLink>;

export const APPROVAL_BOXES = ['pending', 'submitted', 'done'] as const;
export const ZApprovalInboxQuery = z.object({ box: z.enum(APPROVAL_BOXES).default('pending') });
export const ZApprovalInboxResponse = z.object({ data: z.array(ZApprovalRequest) });
/** The approval panel of a record: its latest request, and the processes it may be submitted to. */
export const ZRecordApprovalsResponse = z.object({
  latest: ZApprovalRequest.nullable(),
  processes: z.array(z.object({ id: z.uuid(), name: z.string(), needsChosenApprover: z.boolean() })),
  lockedFields: z.array(z.string()),
});
export type TRecordApprovals = z.infer<typeof ZRecordApprovalsResponse>;

/** Payload of AUTOMATION_EVENTS.approval* (workflows wait for them by runId, or start from them by recordId). */
export const ZApprovalEventPayload = z.object({
  requestId: z.uuid(),
  object: z.string(),
  recordId: z.uuid(),
  processId: z.uuid(),
  outcome: z.enum(['submitted', 'approved', 'rejected', 'returned', 'withdrawn']),
  runId: z.string().optional(),
  stepId: z.string().optional(),
});
export type TApprovalEventPayload = z.infer<typeof ZApprovalEventPayload>;
