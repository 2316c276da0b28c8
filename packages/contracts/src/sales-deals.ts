import { z } from 'zod';
import { ZCustomValues, zListResponse } from './records';
import { ZCurrency } from './sales-products';

/** Names per locale of built-in pipelines and stages. */
const ZLabels = z.record(z.string().max(10), z.string().max(100));
const ZStageKind = z.enum(['open', 'won', 'lost']);
/** Deal fields a stage may require before a deal enters it. */
export const DEAL_REQUIRABLE_FIELDS = ['amountMinor', 'closeDate', 'accountId', 'primaryContactId', 'ownerId', 'source', 'forecastCategory'] as const;
const ZRequiredField = z.union([z.enum(DEAL_REQUIRABLE_FIELDS), z.string().regex(/^custom\.[a-z][a-z0-9_]{0,39}$/)]);

export const ZPipelineStage = z.object({
  id: z.uuid(),
  pipelineId: z.uuid(),
  name: z.string(),
  labels: ZLabels,
  position: z.number().int(),
  kind: ZStageKind,
  probability: z.number().int(),
  requiredFields: z.array(z.string()),
  rottingDays: z.number().int().nullable(),
  version: z.number().int(),
});
export type TPipelineStage = z.infer<typeof ZPipelineStage>;

export const ZPipeline = z.object({
  id: z.uuid(),
  name: z.string(),
  labels: ZLabels,
  isDefault: z.boolean(),
  position: z.number().int(),
  currency: z.string(),
  version: z.number().int(),
  stages: z.array(ZPipelineStage),
});
export type TPipeline = z.infer<typeof ZPipeline>;
export const ZPipelineListResponse = z.object({ data: z.array(ZPipeline) });

const ZStageInput = z.object({
  name: z.string().trim().min(1).max(100),
  kind: ZStageKind.optional(),
  probability: z.number().int().min(0).max(100).optional(),
  requiredFields: z.array(ZRequiredField).max(20).optional(),
  rottingDays: z.number().int().min(1).max(3650).nullable().optional(),
}).strict();

export const ZCreatePipelineRequest = z.object({
  name: z.string().trim().min(1).max(100),
  currency: ZCurrency.optional(),
  isDefault: z.boolean().optional(),
  stages: z.array(ZStageInput).min(1).max(30).optional(),
}).strict();
export type TCreatePipelineRequest = z.infer<typeof ZCreatePipelineRequest>;

export const ZUpdatePipelineRequest = z.object({
  version: z.number().int(),
  name: z.string().trim().min(1).max(100).optional(),
  currency: ZCurrency.optional(),
  isDefault: z.literal(true).optional(),
}).strict();
export type TUpdatePipelineRequest = z.infer<typeof ZUpdatePipelineRequest>;

export const ZCreateStageRequest = ZStageInput.extend({ position: z.number().int().min(0).optional() }).strict();
export type TCreateStageRequest = z.infer<typeof ZCreateStageRequest>;
export const ZUpdateStageRequest = ZStageInput.partial().extend({ version: z.number().int() }).strict();
export type TUpdateStageRequest = z.infer<typeof ZUpdateStageRequest>;
export const ZReorderStagesRequest = z.object({ stageIds: z.array(z.uuid()).min(1).max(30) }).strict();
export const ZStageParams = z.object({ id: z.uuid(), stageId: z.uuid() }).strict();

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A rep's forecast category; null = derived from the probability. */
export const ZForecastCategory = z.enum(['commit', 'best_case', 'pipeline', 'omitted']);
export type TForecastCategory = z.infer<typeof ZForecastCategory>;

export const ZDeal = z.object({
  id: z.uuid(),
  name: z.string(),
  pipelineId: z.uuid(),
  stageId: z.uuid(),
  status: ZStageKind,
  amountMinor: z.unknown(),
  currency: z.string(),
  closeDate: z.string().nullable(),
  probability: z.unknown(),
  forecastCategory: ZForecastCategory.nullable(),
  ownerId: z.uuid().nullable(),
  accountId: z.uuid().nullable(),
  primaryContactId: z.uuid().nullable(),
  source: z.string().nullable(),
  hasLines: z.boolean(),
  lostReason: z.string().nullable(),
  wonReason: z.string().nullable(),
  /** The reason picked from the workspace's won/lost list, when it has one. */
  closeReasonId: z.uuid().nullable(),
  lostToCompetitorId: z.uuid().nullable(),
  closedAt: z.string().nullable(),
  stageEnteredAt: z.string(),
  lastActivityAt: z.string().nullable(),
  tags: z.array(z.string()),
  custom: ZCustomValues,
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  version: z.number().int(),
}).partial().extend({ id: z.uuid() });
export type TDeal = z.infer<typeof ZDeal>;
export const ZDealListResponse = zListResponse(ZDeal);

export const ZCreateDealRequest = z.object({
  name: z.string().trim().min(1).max(200),
  pipelineId: z.uuid().optional(),
  stageId: z.uuid().optional(),
  amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  currency: ZCurrency.optional(),
  closeDate: ZDate.nullable().optional(),
  probability: z.number().int().min(0).max(100).nullable().optional(),
  forecastCategory: ZForecastCategory.nullable().optional(),
  ownerId: z.uuid().nullable().optional(),
  accountId: z.uuid().nullable().optional(),
  primaryContactId: z.uuid().nullable().optional(),
  source: z.string().max(100).nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  custom: ZCustomValues.optional(),
}).strict();
export type TCreateDealRequest = z.infer<typeof ZCreateDealRequest>;

export const ZUpdateDealRequest = ZCreateDealRequest.omit({ pipelineId: true, stageId: true }).partial().extend({ version: z.number().int() }).strict();
export type TUpdateDealRequest = z.infer<typeof ZUpdateDealRequest>;

/** Move a deal to a stage (of its pipeline, or another one). Won/lost need a reason. */
export const ZMoveDealRequest = z.object({
  stageId: z.uuid(),
  version: z.number().int(),
  wonReason: z.string().trim().min(1).max(500).optional(),
  lostReason: z.string().trim().min(1).max(500).optional(),
  lostToCompetitorId: z.uuid().optional(),
  /** A reason from the workspace's list: required when the list of that kind has active reasons. */
  wonReasonId: z.uuid().optional(),
  lostReasonId: z.uuid().optional(),
}).strict();
export type TMoveDealRequest = z.infer<typeof ZMoveDealRequest>;

export const ZDealStageHistoryEntry = z.object({
  id: z.uuid(),
  fromStageId: z.uuid().nullable(),
  toStageId: z.uuid(),
  changedAt: z.string(),
  changedBy: z.uuid().nullable(),
  secondsInFrom: z.number().nullable(),
});
export const ZDealStageHistoryResponse = z.object({ data: z.array(ZDealStageHistoryEntry) });

export const ZDealContact = z.object({ contactId: z.uuid(), role: z.string().nullable(), isPrimary: z.boolean(), createdAt: z.string() });
export const ZDealContactListResponse = z.object({ data: z.array(ZDealContact) });
export const ZPutDealContactRequest = z.object({ role: z.string().trim().max(100).nullable().optional(), isPrimary: z.boolean().optional() }).strict();
export const ZDealContactParams = z.object({ id: z.uuid(), contactId: z.uuid() }).strict();

/** The kanban: one pipeline's stages with count, amount total and the first cards of each. */
export const ZDealBoardQuery = z.object({
  pipelineId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
  /** Team: owners in this department or any department below it. */
  departmentId: z.uuid().optional(),
  closeFrom: ZDate.optional(),
  closeTo: ZDate.optional(),
  perStage: z.coerce.number().int().min(1).max(1000).optional(),
}).strict();
export const ZDealBoardColumn = z.object({
  stage: ZPipelineStage,
  count: z.number().int(),
  /** Sum of amounts per currency, in minor units. */
  totals: z.array(z.object({ currency: z.string(), amountMinor: z.number() })),
  deals: z.array(ZDeal),
});
export const ZDealBoardResponse = z.object({ pipeline: ZPipeline, columns: z.array(ZDealBoardColumn) });
export type TDealBoardResponse = z.infer<typeof ZDealBoardResponse>;

/** Events of deals. Payload `{ id, ownerId, accountId, primaryContactId, … }`. */
export const DEAL_EVENTS = {
  created: 'sales.deal.created',
  updated: 'sales.deal.updated',
  deleted: 'sales.deal.deleted',
  restored: 'sales.deal.restored',
  stageChanged: 'sales.deal.stage_changed',
  won: 'sales.deal.won',
  lost: 'sales.deal.lost',
} as const;

/**
 * Another module asks the customers timeline to show an entry on an account or contact.
 * `title` is a server message key and its params, translated when the entry is written;
 * `sourceId` makes a redelivered event a no-op.
 */
export const CUSTOMERS_TIMELINE_APPEND = 'customers.timeline.append';
export const ZTimelineAppendEvent = z.object({
  subjectType: z.enum(['account', 'contact']),
  subjectId: z.uuid(),
  kind: z.string().min(1).max(40),
  title: z.object({ key: z.string().max(100), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
  body: z.string().nullable().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  sourceId: z.string().min(1).max(200),
});
export type TTimelineAppendEvent = z.infer<typeof ZTimelineAppendEvent>;
