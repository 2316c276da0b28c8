import { z } from 'zod';

export const TIMELINE_SUBJECTS = ['contact', 'account'] as const;
export const ZTimelineSubject = z.enum(TIMELINE_SUBJECTS);
export type TTimelineSubject = z.infer<typeof ZTimelineSubject>;

/** Kinds this module writes; other modules add their own (the set is open). */
export const TIMELINE_KINDS = ['follow_up', 'field_change', 'record_created', 'email_sent', 'note', 'call', 'meeting', 'merged'] as const;

export const ZTimelineEntry = z.object({
  id: z.string(),
  subjectType: ZTimelineSubject,
  subjectId: z.string(),
  kind: z.string(),
  occurredAt: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  /** field_change: { changes: [{ field, old, new }] }; follow_up: { followUpId, type, nextContactAt }. */
  data: z.record(z.string(), z.unknown()),
});
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;

export const ZTimelineQuery = z.object({
  /** Comma-separated kinds: `follow_up,field_change`. */
  kinds: z.string().max(500).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
}).strict();
export type TTimelineQuery = z.infer<typeof ZTimelineQuery>;

export const ZTimelineResponse = z.object({ data: z.array(ZTimelineEntry), nextCursor: z.string().nullable() });
export type TTimelineResponse = z.infer<typeof ZTimelineResponse>;

export const FOLLOW_UP_TYPES = ['call', 'email', 'sms', 'visit', 'meeting'] as const;
export const ZFollowUpType = z.enum(FOLLOW_UP_TYPES);

export const ZFollowUpFile = z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number(), createdAt: z.string() });
export type TFollowUpFile = z.infer<typeof ZFollowUpFile>;

export const ZFollowUp = z.object({
  id: z.string(),
  subjectType: ZTimelineSubject,
  subjectId: z.string(),
  type: ZFollowUpType,
  content: z.string(),
  occurredAt: z.string(),
  nextContactAt: z.string().nullable(),
  ownerId: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string().nullable(),
  updatedBy: z.string().nullable(),
  files: z.array(ZFollowUpFile),
});
export type TFollowUp = z.infer<typeof ZFollowUp>;

export const ZCreateFollowUpRequest = z.object({
  subjectType: ZTimelineSubject,
  subjectId: z.uuid(),
  type: ZFollowUpType,
  content: z.string().trim().min(1).max(10_000),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  nextContactAt: z.iso.datetime({ offset: true }).nullable().optional(),
  ownerId: z.uuid().nullable().optional(),
}).strict();
export type TCreateFollowUpRequest = z.infer<typeof ZCreateFollowUpRequest>;

export const ZUpdateFollowUpRequest = z.object({
  version: z.number().int().min(1),
  type: ZFollowUpType.optional(),
  content: z.string().trim().min(1).max(10_000).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  nextContactAt: z.iso.datetime({ offset: true }).nullable().optional(),
  ownerId: z.uuid().nullable().optional(),
}).strict();
export type TUpdateFollowUpRequest = z.infer<typeof ZUpdateFollowUpRequest>;

export const ZFollowUpListQuery = z.object({
  subjectType: ZTimelineSubject,
  subjectId: z.uuid(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
}).strict();
export const ZFollowUpListResponse = z.object({ data: z.array(ZFollowUp), nextCursor: z.string().nullable() });
export type TFollowUpListResponse = z.infer<typeof ZFollowUpListResponse>;

export const ZFollowUpFileParams = z.object({ id: z.uuid(), fileId: z.uuid() }).strict();
