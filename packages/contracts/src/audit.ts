import { z } from 'zod';

/** The audit log viewer (P5). Entries are never changed or removed. */

export const ZAuditEntry = z.object({
  id: z.uuid(),
  at: z.iso.datetime({ offset: true }),
  actorUserId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  actorApiKeyId: z.uuid().nullable(),
  action: z.string(),
  object: z.string(),
  recordId: z.string().nullable(),
  summary: z.string().nullable(),
  oldValues: z.unknown().nullable(),
  newValues: z.unknown().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZListAuditQuery = z.object({
  actorUserId: z.uuid().optional(),
  object: z.string().max(60).optional(),
  action: z.string().max(60).optional(),
  recordId: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('Inclusive lower bound of `at`'),
  to: z.iso.datetime({ offset: true }).optional().describe('Exclusive upper bound of `at`'),
  cursor: z.string().max(500).optional().describe('Opaque cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('Page size, 1–200, default 50'),
  lang: z.string().max(10).optional(),
}).strict();
export type TListAuditQuery = z.infer<typeof ZListAuditQuery>;

export const ZListAuditResponse = z.object({ data: z.array(ZAuditEntry), nextCursor: z.string().nullable() });
export type TListAuditResponse = z.infer<typeof ZListAuditResponse>;
