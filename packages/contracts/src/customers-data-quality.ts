import { z } from 'zod';

/** Objects the data-quality report covers. */
export const ZDataQualityObject = z.enum(['contact', 'account']);
export type TDataQualityObject = z.infer<typeof ZDataQualityObject>;

/**
 * Built-in checks per object. `phone` of a contact is "mobile or phone"; `account` (no
 * company) is for information only, since a contact without a company is a valid B2C
 * customer. Required custom fields join as `custom.<key>`.
 */
export const DATA_QUALITY_CHECKS = {
  contact: ['email', 'phone', 'account', 'lifecycleStage', 'followUp'],
  account: ['industry', 'region', 'phone', 'website', 'lifecycleStage'],
} as const;

export const DATA_QUALITY_PROBLEMS = ['missing', 'invalid'] as const;
export const ZDataQualityProblem = z.enum(DATA_QUALITY_PROBLEMS);
export type TDataQualityProblem = z.infer<typeof ZDataQualityProblem>;

/** `owner=none` means records without an owner (in the public pool). */
const ZOwnerFilter = z.union([z.literal('none'), z.uuid()]).describe('An owner id, or `none` for records without an owner (public pool)');

/** `GET /api/v1/customers/data-quality?object=contact` */
export const ZDataQualityQuery = z.object({
  object: ZDataQualityObject.default('contact'),
  lang: z.string().max(10).optional(),
}).strict();
export type TDataQualityQuery = z.infer<typeof ZDataQualityQuery>;

export const ZDataQualityCheck = z.object({
  key: z.string().describe('A built-in check (`email`, `phone`, …) or `custom.<key>` for a required custom field'),
  label: z.string().nullable().describe('The custom field label in the request language; null for built-in checks'),
  /** Whether the check can find a present but invalid value (email format, E.164, URL). */
  validates: z.boolean(),
  /** Shown for information, left out of the completeness score. */
  informational: z.boolean(),
  missingFilter: z.record(z.string(), z.string()).nullable()
    .describe('List filter parameters (`filter[field][op]`: value) that select the records missing this value in `GET /api/v1/contacts|accounts` and on the list page; null when the list cannot filter on the field for you (masked)'),
});
export type TDataQualityCheck = z.infer<typeof ZDataQualityCheck>;

export const ZDataQualityCounts = z.object({ missing: z.number().int(), invalid: z.number().int() });

export const ZDataQualityRow = z.object({
  ownerId: z.string().nullable().describe('Null: records without an owner (public pool)'),
  ownerName: z.string().nullable(),
  records: z.number().int(),
  /** Share of (record, scored check) pairs with a present, valid value, 0–100; null without records. */
  completeness: z.number().nullable(),
  counts: z.record(z.string(), ZDataQualityCounts).describe('Per check key'),
});
export type TDataQualityRow = z.infer<typeof ZDataQualityRow>;

export const ZDataQualityResponse = z.object({
  object: ZDataQualityObject,
  checks: z.array(ZDataQualityCheck),
  owners: z.array(ZDataQualityRow),
  total: ZDataQualityRow,
});
export type TDataQualityResponse = z.infer<typeof ZDataQualityResponse>;

/** `GET /api/v1/customers/data-quality/records?object=contact&check=email&problem=invalid&owner=none`: the drill-down. */
export const ZDataQualityRecordsQuery = z.object({
  object: ZDataQualityObject.default('contact'),
  check: z.string().max(60).optional().describe('Without a check: every record of the owner'),
  problem: ZDataQualityProblem.default('missing'),
  owner: ZOwnerFilter.optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  lang: z.string().max(10).optional(),
}).strict();
export type TDataQualityRecordsQuery = z.infer<typeof ZDataQualityRecordsQuery>;

export const ZDataQualityRecord = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  /** The checked fields as the user may see them (masked fields masked, hidden ones left out). */
  values: z.record(z.string(), z.unknown()),
});
export type TDataQualityRecord = z.infer<typeof ZDataQualityRecord>;

export const ZDataQualityRecordsResponse = z.object({ data: z.array(ZDataQualityRecord), nextCursor: z.string().nullable() });
export type TDataQualityRecordsResponse = z.infer<typeof ZDataQualityRecordsResponse>;
