import { z } from 'zod';

/** `GET /api/v1/search`: the global search box over every module's search providers (P9). */
export const ZSearchQuery = z.object({
  q: z.string().max(100).describe('What to look for: part of a name or company, an email prefix, or 3+ phone digits'),
  types: z.string().max(200).regex(/^[a-z_]+(,[a-z_]+)*$/).optional().describe('Comma-separated types (contact, account, …); default every type'),
  limit: z.coerce.number().int().min(1).max(50).optional().describe('Results per type, 1–50, default 10'),
  lang: z.string().max(10).optional(),
}).strict();
export type TSearchQuery = z.infer<typeof ZSearchQuery>;

/** One hit: what a result list shows. The subtitle has field security applied. */
export const ZSearchResult = z.object({
  type: z.string(),
  id: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  ownerName: z.string().nullable(),
});
export type TSearchResult = z.infer<typeof ZSearchResult>;

/** Results grouped by type, best match first within each group; types the actor cannot read are left out. */
export const ZSearchResponse = z.object({
  groups: z.array(z.object({ type: z.string(), results: z.array(ZSearchResult) })),
});
export type TSearchResponse = z.infer<typeof ZSearchResponse>;
