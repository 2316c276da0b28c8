import { z } from 'zod';
import { ZCustomValues, zListResponse } from './records';
import { ZDuplicateMatch } from './customers';

export const LEAD_SOURCES = ['web_form', 'referral', 'trade_show', 'ad', 'cold_call', 'partner', 'other'] as const;
export const LEAD_STATUSES = ['new', 'working', 'qualified', 'disqualified', 'converted'] as const;
/** Employees bands offered for `size`. */
export const LEAD_SIZES = ['1-10', '11-50', '51-200', '201-1000', '1000+'] as const;
/** Reasons offered when a lead is disqualified. */
export const LEAD_DISQUALIFY_REASONS = ['no_budget', 'no_need', 'no_authority', 'bad_timing', 'competitor', 'unreachable', 'duplicate', 'other'] as const;
/** Lead fields an assignment rule can match on. */
export const LEAD_RULE_FIELDS = ['region', 'industry', 'size', 'source'] as const;

const text = (max: number) => z.string().trim().max(max);

export const ZLead = z.object({
  id: z.uuid(),
  name: z.string(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  region: z.string().nullable(),
  industry: z.string().nullable(),
  size: z.string().nullable(),
  source: z.string(),
  channel: z.string().nullable(),
  status: z.enum(LEAD_STATUSES),
  disqualifyReason: z.string().nullable(),
  disqualifyNote: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  importId: z.uuid().nullable(),
  convertedAccountId: z.uuid().nullable(),
  convertedContactId: z.uuid().nullable(),
  convertedDealId: z.uuid().nullable(),
  convertedAt: z.string().nullable(),
  custom: ZCustomValues,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
}).partial().extend({ id: z.uuid() });
export type TLead = z.infer<typeof ZLead>;
export const ZLeadListResponse = zListResponse(ZLead);

const leadFields = {
  company: text(200).nullable().optional(),
  title: text(100).nullable().optional(),
  email: text(254).nullable().optional(),
  phone: text(50).nullable().optional(),
  mobile: text(50).nullable().optional(),
  region: text(100).nullable().optional(),
  industry: text(100).nullable().optional(),
  size: z.enum(LEAD_SIZES).nullable().optional(),
  source: z.enum(LEAD_SOURCES).optional(),
  channel: text(100).nullable().optional(),
  status: z.enum(['new', 'working']).optional(),
  ownerId: z.uuid().nullable().optional().describe('Leave out for the assignment rules; null puts the lead in the pool'),
  custom: ZCustomValues.optional(),
};

export const ZCreateLeadRequest = z.object({ name: text(200).min(1), ...leadFields }).strict();
export type TCreateLeadRequest = z.infer<typeof ZCreateLeadRequest>;
export const ZUpdateLeadRequest = z.object({ version: z.number().int().min(1), name: text(200).min(1).optional(), ...leadFields }).strict();
export type TUpdateLeadRequest = z.infer<typeof ZUpdateLeadRequest>;

export const ZLeadVersionRequest = z.object({ version: z.number().int().min(1) }).strict();
export const ZAssignLeadRequest = z.object({ version: z.number().int().min(1), ownerId: z.uuid().nullable().describe('null returns the lead to the pool') }).strict();
export type TAssignLeadRequest = z.infer<typeof ZAssignLeadRequest>;
export const ZDisqualifyLeadRequest = z.object({
  version: z.number().int().min(1),
  reason: z.string().trim().max(100).optional().describe('Required: one of the disqualify reasons or free text'),
  note: text(2000).nullable().optional(),
}).strict();
export type TDisqualifyLeadRequest = z.infer<typeof ZDisqualifyLeadRequest>;

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/**
 * `POST /api/v1/leads/:id/convert`: each part is created new, matched to an existing record,
 * or (account, deal) left out. All of it happens in one transaction.
 */
export const ZConvertLeadRequest = z.object({
  version: z.number().int().min(1),
  account: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('create'), name: text(200).min(1).optional() }).strict(),
    z.object({ mode: z.literal('existing'), id: z.uuid() }).strict(),
    z.object({ mode: z.literal('none') }).strict(),
  ]),
  contact: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('create') }).strict(),
    z.object({ mode: z.literal('existing'), id: z.uuid() }).strict(),
  ]),
  deal: z.discriminatedUnion('mode', [
    z.object({
      mode: z.literal('create'),
      name: text(200).min(1),
      pipelineId: z.uuid().optional(),
      stageId: z.uuid().optional(),
      amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      closeDate: ZDate.nullable().optional(),
    }).strict(),
    z.object({ mode: z.literal('none') }).strict(),
  ]),
}).strict();
export type TConvertLeadRequest = z.infer<typeof ZConvertLeadRequest>;

export const ZConvertLeadResponse = z.object({
  lead: ZLead,
  accountId: z.uuid().nullable(),
  contactId: z.uuid(),
  dealId: z.uuid().nullable(),
});
export type TConvertLeadResponse = z.infer<typeof ZConvertLeadResponse>;

/** Likely existing records for the lead's company and person, for "use existing". */
export const ZConvertPreviewResponse = z.object({
  accounts: z.array(ZDuplicateMatch),
  contacts: z.array(ZDuplicateMatch),
});
export type TConvertPreviewResponse = z.infer<typeof ZConvertPreviewResponse>;

export const ZLeadAssignmentRule = z.object({
  id: z.uuid(),
  name: z.string(),
  position: z.number().int(),
  kind: z.enum(['round_robin', 'field_match']),
  field: z.enum(LEAD_RULE_FIELDS).nullable(),
  value: z.string().nullable(),
  userIds: z.array(z.uuid()),
  active: z.boolean(),
  version: z.number().int(),
});
export type TLeadAssignmentRule = z.infer<typeof ZLeadAssignmentRule>;
export const ZLeadAssignmentRuleListResponse = z.object({ data: z.array(ZLeadAssignmentRule) });

export const ZCreateLeadAssignmentRuleRequest = z.object({
  name: text(100).min(1),
  kind: z.enum(['round_robin', 'field_match']),
  field: z.enum(LEAD_RULE_FIELDS).nullable().optional(),
  value: text(200).nullable().optional(),
  userIds: z.array(z.uuid()).min(1).max(100),
  active: z.boolean().optional(),
}).strict();
export type TCreateLeadAssignmentRuleRequest = z.infer<typeof ZCreateLeadAssignmentRuleRequest>;
export const ZUpdateLeadAssignmentRuleRequest = ZCreateLeadAssignmentRuleRequest.partial().extend({ version: z.number().int().min(1), position: z.number().int().min(0).optional() }).strict();
export type TUpdateLeadAssignmentRuleRequest = z.infer<typeof ZUpdateLeadAssignmentRuleRequest>;

export const ZLeadImportQuery = z.object({ fileName: z.string().max(255).optional(), lang: z.string().max(10).optional() }).strict();
/** Result of `POST /api/v1/leads/import` (body: the CSV file, UTF-8 or GBK). */
export const ZLeadImportResult = z.object({
  id: z.uuid(),
  fileName: z.string().nullable(),
  encoding: z.string(),
  totalRows: z.number().int(),
  createdCount: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
  status: z.enum(['done', 'undone']),
  createdAt: z.string(),
});
export type TLeadImportResult = z.infer<typeof ZLeadImportResult>;

/** Domain events of leads (payload: id, ownerId, status; converted adds accountId, contactId, dealId). */
export const LEAD_EVENTS = {
  created: 'sales.lead.created',
  updated: 'sales.lead.updated',
  deleted: 'sales.lead.deleted',
  restored: 'sales.lead.restored',
  assigned: 'sales.lead.assigned',
  qualified: 'sales.lead.qualified',
  disqualified: 'sales.lead.disqualified',
  converted: 'sales.lead.converted',
} as const;
