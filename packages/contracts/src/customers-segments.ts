import { z } from 'zod';

export const TAG_COLORS = ['gray', 'red', 'orange', 'yellow', 'green', 'teal', 'blue', 'indigo', 'violet', 'pink'] as const;
export const TAG_OBJECT_SCOPES = ['all', 'contact', 'account'] as const;
const ZTagName = z.string().trim().min(1).max(50);

/** A tag of the workspace catalogue. */
export const ZTag = z.object({
  id: z.string(),
  name: z.string(),
  color: z.string(),
  objectScope: z.enum(TAG_OBJECT_SCOPES),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TTag = z.infer<typeof ZTag>;
export const ZTagListResponse = z.object({ data: z.array(ZTag) });
export const ZTagListQuery = z.object({ object: z.enum(['contact', 'account']).optional(), lang: z.string().max(10).optional() }).strict();

export const ZCreateTagRequest = z.object({
  name: ZTagName,
  color: z.enum(TAG_COLORS).optional(),
  objectScope: z.enum(TAG_OBJECT_SCOPES).optional(),
}).strict();
export type TCreateTagRequest = z.infer<typeof ZCreateTagRequest>;

/** Renaming a tag renames it on every record that carries it. */
export const ZUpdateTagRequest = z.object({
  version: z.number().int(),
  name: ZTagName.optional(),
  color: z.enum(TAG_COLORS).optional(),
  objectScope: z.enum(TAG_OBJECT_SCOPES).optional(),
}).strict();
export type TUpdateTagRequest = z.infer<typeof ZUpdateTagRequest>;

/** Adds and removes tags on selected records; records the actor may not change are skipped, each with a reason. */
export const ZBulkTagRequest = z.object({
  ids: z.array(z.uuid()).min(1).max(500),
  add: z.array(ZTagName).max(20).optional(),
  remove: z.array(ZTagName).max(20).optional(),
}).strict();
export type TBulkTagRequest = z.infer<typeof ZBulkTagRequest>;
export const BULK_SKIP_REASONS = ['not_found', 'read_only', 'too_many_tags'] as const;
export const ZBulkTagResponse = z.object({
  updated: z.array(z.string()),
  unchanged: z.array(z.string()),
  skipped: z.array(z.object({ id: z.string(), reason: z.enum(BULK_SKIP_REASONS) })),
});
export type TBulkTagResponse = z.infer<typeof ZBulkTagResponse>;

export const SEGMENT_OBJECTS = ['contact', 'account'] as const;
export const SEGMENT_KINDS = ['dynamic', 'static'] as const;
export const RULE_OPERATORS = [
  'eq', 'neq', 'in', 'contains', 'starts_with', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty',
  'has_any', 'has_all', 'has_none', 'within_last_days', 'more_than_days_ago',
] as const;
export type TRuleOperator = (typeof RULE_OPERATORS)[number];

export const ZSegmentRuleCondition = z.object({
  field: z.string().min(1).max(100),
  operator: z.string().min(1).max(40),
  value: z.union([z.string().max(1000), z.number(), z.boolean(), z.array(z.string().max(200)).max(100), z.null()]).optional(),
}).strict();
export type TSegmentRuleCondition = z.infer<typeof ZSegmentRuleCondition>;
export interface TRuleGroup { op: 'and' | 'or'; rules: Array<TSegmentRuleCondition | TRuleGroup> }

/** Nested AND/OR groups of conditions: `{ op: 'and', rules: [{ field, operator, value }, { op: 'or', rules: [...] }] }`. */
export const ZRuleGroup: z.ZodType<TRuleGroup> = z.object({
  op: z.enum(['and', 'or']),
  get rules() {
    return z.array(z.union([ZSegmentRuleCondition, ZRuleGroup])).max(50);
  },
}).strict().meta({ id: 'SegmentRuleGroup' }); // recursive: OpenAPI refers to it by this id

export const ZSegment = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  object: z.enum(SEGMENT_OBJECTS),
  kind: z.enum(SEGMENT_KINDS),
  rules: ZRuleGroup.nullable(),
  shared: z.boolean(),
  ownerId: z.string().nullable(),
  /** Members the viewer can see (their data scope applies). */
  count: z.number().optional(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TSegment = z.infer<typeof ZSegment>;
export const ZSegmentListResponse = z.object({ data: z.array(ZSegment) });
export const ZSegmentListQuery = z.object({ object: z.enum(SEGMENT_OBJECTS).optional(), lang: z.string().max(10).optional() }).strict();

export const ZCreateSegmentRequest = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullable().optional(),
  object: z.enum(SEGMENT_OBJECTS),
  kind: z.enum(SEGMENT_KINDS),
  rules: ZRuleGroup.optional(),
  shared: z.boolean().optional(),
}).strict();
export type TCreateSegmentRequest = z.infer<typeof ZCreateSegmentRequest>;

export const ZUpdateSegmentRequest = z.object({
  version: z.number().int(),
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(2000).nullable().optional(),
  rules: ZRuleGroup.optional(),
  shared: z.boolean().optional(),
}).strict();
export type TUpdateSegmentRequest = z.infer<typeof ZUpdateSegmentRequest>;

export const ZSegmentPreviewRequest = z.object({ object: z.enum(SEGMENT_OBJECTS), rules: ZRuleGroup }).strict();
export const ZSegmentPreviewResponse = z.object({ count: z.number(), sample: z.array(z.record(z.string(), z.unknown())) });
export type TSegmentPreviewResponse = z.infer<typeof ZSegmentPreviewResponse>;

export const ZSegmentMembersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2000).optional(),
  sort: z.string().max(300).optional(),
  lang: z.string().max(10).optional(),
}).strict();
export const ZSegmentMembersResponse = z.object({ data: z.array(z.record(z.string(), z.unknown())), nextCursor: z.string().nullable() });

/** Adds records to a static segment: given ids, or a snapshot of a dynamic segment's members. */
export const ZAddSegmentMembersRequest = z.object({
  ids: z.array(z.uuid()).min(1).max(500).optional(),
  fromSegmentId: z.uuid().optional(),
}).strict();
export const ZRemoveSegmentMembersRequest = z.object({ ids: z.array(z.uuid()).min(1).max(500) }).strict();
export const ZSegmentMembersChangeResponse = z.object({
  added: z.number(),
  removed: z.number(),
  skipped: z.array(z.object({ id: z.string(), reason: z.enum(['not_found']) })),
  count: z.number(),
});
export type TSegmentMembersChangeResponse = z.infer<typeof ZSegmentMembersChangeResponse>;
