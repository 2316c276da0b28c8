import { z } from 'zod';
import { LIFECYCLE_STAGES, ZLifecycleStage } from './customers';
import { LIST_OPERATORS } from './records';

/** Objects with owners, lifecycle stages and a public pool. */
export const ZOwnedObject = z.enum(['contact', 'account']);
export type TOwnedObject = z.infer<typeof ZOwnedObject>;

/** The main funnel order; `churned` stands apart. */
export const LIFECYCLE_FUNNEL_STAGES = LIFECYCLE_STAGES.filter((s) => s !== 'churned');

// ---- Lifecycle (C7) ----

export const ZLifecycleHistoryEntry = z.object({
  id: z.string(),
  fromStage: z.string().nullable(),
  toStage: z.string().nullable(),
  changedAt: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  source: z.string(),
});
export const ZLifecycleHistoryResponse = z.object({ data: z.array(ZLifecycleHistoryEntry) });
export type TLifecycleHistoryResponse = z.infer<typeof ZLifecycleHistoryResponse>;

/** `GET /api/v1/customers/lifecycle/funnel?object=contact&from=2026-01-01&to=2026-12-31` */
export const ZLifecycleFunnelQuery = z.object({
  object: ZOwnedObject.default('contact'),
  from: z.iso.date().optional().describe('First day (inclusive), default 90 days ago'),
  to: z.iso.date().optional().describe('Last day (inclusive), default today'),
  lang: z.string().max(10).optional(),
}).strict();
export type TLifecycleFunnelQuery = z.infer<typeof ZLifecycleFunnelQuery>;

export const ZLifecycleFunnelResponse = z.object({
  object: ZOwnedObject,
  from: z.string(),
  to: z.string(),
  /** Records entering each stage in the period; conversion = entered(next) / entered(this). */
  stages: z.array(z.object({ stage: ZLifecycleStage, entered: z.number(), conversionToNext: z.number().nullable() })),
  churned: z.number(),
});
export type TLifecycleFunnelResponse = z.infer<typeof ZLifecycleFunnelResponse>;

// ---- Ownership (C6) ----

export const OWNERSHIP_TRANSFER_KINDS = ['manual', 'bulk', 'claim', 'release', 'reclaim', 'rule'] as const;

export const ZOwnershipTransfer = z.object({
  id: z.string(),
  fromOwnerId: z.string().nullable(),
  fromOwnerName: z.string().nullable(),
  toOwnerId: z.string().nullable(),
  toOwnerName: z.string().nullable(),
  kind: z.enum(OWNERSHIP_TRANSFER_KINDS),
  reason: z.string().nullable(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export const ZOwnershipHistoryResponse = z.object({ data: z.array(ZOwnershipTransfer) });
export type TOwnershipHistoryResponse = z.infer<typeof ZOwnershipHistoryResponse>;

/** Owner and pool state of one record, for the record page's ownership panel. */
export const ZOwnershipStatus = z.object({
  id: z.string(),
  version: z.number(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  poolStatus: z.string().nullable(),
  poolEnteredAt: z.string().nullable(),
  previousOwnerId: z.string().nullable(),
  customerLevel: z.string().nullable(),
  reclaimExempt: z.boolean(),
  /** When the reclaim job would return it to the pool, when a rule applies. */
  reclaimAt: z.string().nullable(),
  /** The rule that returns it first: no follow-up, or no deal (when that rule is on). */
  reclaimRule: z.enum(['no_follow_up', 'no_deal']).nullable(),
});
export type TOwnershipStatus = z.infer<typeof ZOwnershipStatus>;

export const ZUpdateOwnershipFlagsRequest = z.object({
  customerLevel: z.string().min(1).max(20).nullable().optional(),
  reclaimExempt: z.boolean().optional(),
}).strict();
export type TUpdateOwnershipFlagsRequest = z.infer<typeof ZUpdateOwnershipFlagsRequest>;

export const ZAssignOwnerRequest = z.object({ ownerId: z.uuid(), reason: z.string().max(500).optional() }).strict();
export type TAssignOwnerRequest = z.infer<typeof ZAssignOwnerRequest>;

export const ZBulkAssignRequest = z.object({ ids: z.array(z.uuid()).min(1).max(500), ownerId: z.uuid(), reason: z.string().max(500).optional() }).strict();
export type TBulkAssignRequest = z.infer<typeof ZBulkAssignRequest>;
export const ZBulkAssignResponse = z.object({
  assigned: z.array(z.string()),
  /** Records not found or outside the actor's data scope for updates. */
  skipped: z.array(z.object({ id: z.string(), reason: z.enum(['not_found']) })),
});
export type TBulkAssignResponse = z.infer<typeof ZBulkAssignResponse>;

export const ZReleaseToPoolRequest = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
export type TReleaseToPoolRequest = z.infer<typeof ZReleaseToPoolRequest>;

// ---- Public pool (公海) ----

export const ZPoolListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
  q: z.string().max(100).optional().describe('Part of the name'),
  level: z.string().max(20).optional(),
  lang: z.string().max(10).optional(),
}).strict();
export type TPoolListQuery = z.infer<typeof ZPoolListQuery>;

export const ZPoolRecord = z.object({
  id: z.string(),
  name: z.string(),
  customerLevel: z.string().nullable(),
  lifecycleStage: z.string().nullable(),
  tags: z.array(z.string()),
  poolEnteredAt: z.string().nullable(),
  previousOwnerId: z.string().nullable(),
  previousOwnerName: z.string().nullable(),
  /** Set when the actor released or lost this record recently and may not claim it before then. */
  cooldownUntil: z.string().nullable(),
});

export const ZPoolLimits = z.object({
  claimedToday: z.number(),
  claimDailyLimit: z.number(),
  owned: z.array(z.object({ level: z.string(), owned: z.number(), max: z.number() })),
});
export type TPoolLimits = z.infer<typeof ZPoolLimits>;

export const ZPoolListResponse = z.object({ data: z.array(ZPoolRecord), nextCursor: z.string().nullable(), limits: ZPoolLimits });
export type TPoolListResponse = z.infer<typeof ZPoolListResponse>;

export const ZClaimResponse = z.object({ id: z.string(), ownerId: z.string(), limits: ZPoolLimits });
export type TClaimResponse = z.infer<typeof ZClaimResponse>;

// ---- Settings ----

export const ZCustomerLevelRule = z.object({
  key: z.string().trim().min(1).max(20),
  /** Days without a follow-up before the record returns to the pool; 0 = never. */
  noFollowUpDays: z.number().int().min(0).max(3650),
  /** Days without a deal; applies once the sales module exposes deals and the rule is on. */
  noDealDays: z.number().int().min(0).max(3650),
  /** Records of this level one user may own at most; 0 = no limit. */
  maxOwned: z.number().int().min(0).max(1_000_000),
  /** Records of this level are never reclaimed. */
  exempt: z.boolean(),
});

export const ZOwnershipSettings = z.object({
  /** Roles that see the pool; null = every member. */
  poolVisibleRoleIds: z.array(z.uuid()).max(100).nullable(),
  claimDailyLimit: z.number().int().min(0).max(10_000),
  cooldownDays: z.number().int().min(0).max(3650),
  warnDaysBefore: z.number().int().min(0).max(365),
  reclaimEnabled: z.boolean(),
  /** The no-deal rule waits for the sales module; until then it is stored but inactive. */
  noDealRuleEnabled: z.boolean(),
  defaultLevel: z.string().min(1).max(20),
  levels: z.array(ZCustomerLevelRule).min(1).max(20),
  exemptTags: z.array(z.string().min(1).max(50)).max(50),
}).strict();
export type TOwnershipSettings = z.infer<typeof ZOwnershipSettings>;
export const ZOwnershipSettingsResponse = ZOwnershipSettings.extend({ noDealRuleAvailable: z.boolean() });
export type TOwnershipSettingsResponse = z.infer<typeof ZOwnershipSettingsResponse>;
export const ZUpdateOwnershipSettingsRequest = ZOwnershipSettings.partial().strict();
export type TUpdateOwnershipSettingsRequest = z.infer<typeof ZUpdateOwnershipSettingsRequest>;

// ---- Assignment rules ----

/** One condition of a field-match rule, with the list-query operators (custom fields as `custom.<key>`). */
export const ZRuleCondition = z.object({
  field: z.string().min(1).max(60),
  operator: z.enum(LIST_OPERATORS),
  value: z.string().max(500),
}).strict();

const ruleInput = {
  object: ZOwnedObject,
  name: z.string().trim().min(1).max(100),
  kind: z.enum(['round_robin', 'field_match']),
  conditions: z.array(ZRuleCondition).max(20),
  userIds: z.array(z.uuid()).min(1).max(200),
  active: z.boolean(),
};

export const ZAssignmentRule = z.object({ ...ruleInput, id: z.string(), position: z.number(), version: z.number(), updatedAt: z.string() });
export type TAssignmentRule = z.infer<typeof ZAssignmentRule>;
export const ZAssignmentRuleListQuery = z.object({ object: ZOwnedObject.optional(), lang: z.string().max(10).optional() }).strict();
export const ZAssignmentRuleListResponse = z.object({ data: z.array(ZAssignmentRule) });
export const ZCreateAssignmentRuleRequest = z.object(ruleInput).partial({ conditions: true, active: true }).strict();
export type TCreateAssignmentRuleRequest = z.infer<typeof ZCreateAssignmentRuleRequest>;
export const ZUpdateAssignmentRuleRequest = z.object(ruleInput).omit({ object: true }).partial().extend({ version: z.number().int().min(1) }).strict();
export type TUpdateAssignmentRuleRequest = z.infer<typeof ZUpdateAssignmentRuleRequest>;
export const ZReorderAssignmentRulesRequest = z.object({ object: ZOwnedObject, ids: z.array(z.uuid()).min(1).max(200) }).strict();
export type TReorderAssignmentRulesRequest = z.infer<typeof ZReorderAssignmentRulesRequest>;
