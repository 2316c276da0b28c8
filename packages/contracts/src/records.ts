import { z } from 'zod';

/**
 * Query string of every list endpoint (ARCHITECTURE §5):
 * `?filter[name][contains]=张&filter[custom.budget][gt]=1000&sort=-createdAt&limit=50&cursor=…&fields=id,name`.
 * Filter keys are open-ended (`filter[<field>][<operator>]`), so they are accepted here and
 * checked field by field by the list builder, which names any unknown field or operator.
 */
export const ZListQuery = z.object({
  sort: z.string().max(300).optional().describe('Comma-separated fields, `-` for descending; ties break by id'),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('Page size, 1–200, default 50'),
  cursor: z.string().max(2000).optional().describe('Opaque cursor from the previous page'),
  fields: z.string().max(1000).optional().describe('Comma-separated fields to return (sparse fieldset)'),
  trash: z.enum(['true', 'false']).optional().describe('List deleted records (the trash)'),
  lang: z.string().max(10).optional(),
}).catchall(z.union([z.string().max(1000), z.array(z.string().max(1000)).max(100)]));
export type TListQuery = z.infer<typeof ZListQuery>;

export const LIST_OPERATORS = ['eq', 'neq', 'in', 'contains', 'starts_with', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'] as const;
export type TListOperator = (typeof LIST_OPERATORS)[number];

/** A page of a list: rows and the cursor of the next page (null on the last page). */
export function zListResponse<T extends z.ZodType>(row: T) {
  return z.object({ data: z.array(row), nextCursor: z.string().nullable() });
}

export const ZRecordParams = z.object({ id: z.uuid() }).strict();

/** Batch create and update, all or nothing; errors name the row: `rows.3.email`. */
export function zBatchRequest<C extends z.ZodType, U extends z.ZodType>(create: C, update: U) {
  return z.object({
    create: z.array(create).max(500).optional(),
    update: z.array(update).max(500).optional(),
  }).strict();
}

export function zBatchResponse<T extends z.ZodType>(row: T) {
  return z.object({ created: z.array(row), updated: z.array(row) });
}

/** Custom field values on a record, keyed by field key. Validated against the field definitions. */
export const ZCustomValues = z.record(z.string().max(40), z.unknown());
