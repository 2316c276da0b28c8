import { z } from 'zod';

export const CUSTOM_FIELD_TYPES = [
  'text', 'long_text', 'number', 'currency', 'date', 'datetime', 'boolean', 'single_select', 'multi_select',
  'user', 'url', 'email', 'phone', 'record_link', 'autonumber',
] as const;
export const ZCustomFieldType = z.enum(CUSTOM_FIELD_TYPES);
export type TCustomFieldType = z.infer<typeof ZCustomFieldType>;

const ZLabels = z.object({ 'zh-CN': z.string().max(100).optional(), 'zh-TW': z.string().max(100).optional(), en: z.string().max(100).optional() }).strict();

export const ZCustomFieldOption = z.object({
  value: z.string().min(1).max(100),
  label: z.string().min(1).max(100),
  labels: ZLabels.optional(),
  color: z.string().max(20).optional(),
}).strict();

export const ZCustomFieldConfig = z.object({
  maxLength: z.number().int().min(1).max(100_000).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  decimals: z.number().int().min(0).max(10).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  linkObject: z.string().max(60).optional(),
  /** Autonumber pattern, e.g. `CT-{YYYY}-{000000}`: date parts {YYYY} {YY} {MM} {DD}, zero padding {000000}. */
  format: z.string().min(1).max(60).optional(),
}).strict();

export const ZCustomFieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

export const ZCreateCustomFieldRequest = z.object({
  object: z.string().min(1).max(60),
  key: ZCustomFieldKey,
  label: z.string().min(1).max(100),
  labels: ZLabels.optional(),
  type: ZCustomFieldType,
  required: z.boolean().optional(),
  options: z.array(ZCustomFieldOption).max(500).optional(),
  config: ZCustomFieldConfig.optional(),
  helpText: z.string().max(500).nullable().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
}).strict();
export type TCreateCustomFieldRequest = z.infer<typeof ZCreateCustomFieldRequest>;

/** Object, key and type are fixed once created: stored values depend on them. */
export const ZUpdateCustomFieldRequest = z.object({
  version: z.number().int().min(1),
  label: z.string().min(1).max(100).optional(),
  labels: ZLabels.optional(),
  required: z.boolean().optional(),
  options: z.array(ZCustomFieldOption).max(500).optional(),
  config: ZCustomFieldConfig.optional(),
  helpText: z.string().max(500).nullable().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
}).strict();
export type TUpdateCustomFieldRequest = z.infer<typeof ZUpdateCustomFieldRequest>;

export const ZCustomFieldResponse = z.object({
  id: z.string(),
  object: z.string(),
  key: z.string(),
  label: z.string(),
  labels: z.record(z.string(), z.string()),
  type: ZCustomFieldType,
  required: z.boolean(),
  options: z.array(z.object({ value: z.string(), label: z.string(), labels: z.record(z.string(), z.string()).optional(), color: z.string().optional() })),
  config: z.record(z.string(), z.unknown()),
  helpText: z.string().nullable(),
  position: z.number(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TCustomFieldResponse = z.infer<typeof ZCustomFieldResponse>;

export const ZCustomFieldListQuery = z.object({ object: z.string().max(60).optional(), lang: z.string().max(10).optional() }).strict();
export const ZCustomFieldListResponse = z.object({ data: z.array(ZCustomFieldResponse) });
export const ZCustomFieldParams = z.object({ id: z.uuid() }).strict();
