import { z } from 'zod';

/** Won/lost reasons, competitors, stalled-deal alerts and bulk actions on deals (S2/S3, M8 basic). */

const ZReasonLabels = z.object({
  'zh-CN': z.string().trim().min(1).max(100).optional(),
  'zh-TW': z.string().trim().min(1).max(100).optional(),
  en: z.string().trim().min(1).max(100).optional(),
  /** One label shown in every language (a workspace's own wording). */
  custom: z.string().trim().min(1).max(100).optional(),
}).strict();

export const ZDealReasonKind = z.enum(['won', 'lost']);
export const ZDealReason = z.object({
  id: z.uuid(),
  kind: ZDealReasonKind,
  labels: z.record(z.string(), z.string()),
  position: z.number().int(),
  active: z.boolean(),
});
export type TDealReason = z.infer<typeof ZDealReason>;
export const ZDealReasonListResponse = z.object({ data: z.array(ZDealReason) });
export const ZDealReasonQuery = z.object({ kind: ZDealReasonKind.optional(), includeInactive: z.enum(['true', 'false']).optional() }).strict();

export const ZCreateDealReasonRequest = z.object({
  kind: ZDealReasonKind,
  labels: ZReasonLabels.refine((l) => Object.values(l).some(Boolean), { message: 'Give at least one label' }),
  position: z.number().int().min(0).max(1000).optional(),
  active: z.boolean().optional(),
}).strict();
export type TCreateDealReasonRequest = z.infer<typeof ZCreateDealReasonRequest>;
export const ZUpdateDealReasonRequest = z.object({
  labels: ZReasonLabels.refine((l) => Object.values(l).some(Boolean), { message: 'Give at least one label' }).optional(),
  position: z.number().int().min(0).max(1000).optional(),
  active: z.boolean().optional(),
}).strict();
export type TUpdateDealReasonRequest = z.infer<typeof ZUpdateDealReasonRequest>;

/** A reason's label in the reader's language: its own wording, else the language's, else any. */
export function reasonLabel(labels: Record<string, string>, language: string): string {
  return labels.custom ?? labels[language] ?? labels['zh-CN'] ?? labels.en ?? Object.values(labels)[0] ?? '';
}

export const ZCompetitor = z.object({
  id: z.uuid(),
  name: z.string(),
  website: z.string().nullable(),
  strengths: z.string().nullable(),
  weaknesses: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type TCompetitor = z.infer<typeof ZCompetitor>;
export const ZCompetitorListResponse = z.object({ data: z.array(ZCompetitor) });
export const ZCompetitorQuery = z.object({ search: z.string().max(100).optional(), trash: z.enum(['true', 'false']).optional() }).strict();
const ZCompetitorFields = {
  name: z.string().trim().min(1).max(200),
  website: z.string().trim().max(500).nullable().optional(),
  strengths: z.string().trim().max(5000).nullable().optional(),
  weaknesses: z.string().trim().max(5000).nullable().optional(),
};
export const ZCreateCompetitorRequest = z.object(ZCompetitorFields).strict();
export type TCreateCompetitorRequest = z.infer<typeof ZCreateCompetitorRequest>;
export const ZUpdateCompetitorRequest = z.object({ ...ZCompetitorFields, name: ZCompetitorFields.name.optional(), version: z.number().int() }).strict();
export type TUpdateCompetitorRequest = z.infer<typeof ZUpdateCompetitorRequest>;

export const ZDealCompetitorStatus = z.enum(['active', 'won_against', 'lost_to']);
export const ZDealCompetitor = z.object({
  competitorId: z.uuid(),
  name: z.string(),
  website: z.string().nullable(),
  status: ZDealCompetitorStatus,
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const ZDealCompetitorListResponse = z.object({ data: z.array(ZDealCompetitor) });
export const ZPutDealCompetitorRequest = z.object({ status: ZDealCompetitorStatus.optional(), note: z.string().trim().max(1000).nullable().optional() }).strict();
export const ZDealCompetitorParams = z.object({ id: z.uuid(), competitorId: z.uuid() }).strict();

/**
 * What "stalled" means in a pipeline: the alert on or off and the days without activity. The
 * alert (owner, then the supervisor) runs as the workflow "Stalled deal", whose wait sets when
 * the supervisor hears.
 */
export const ZStallSettings = z.object({
  pipelineId: z.uuid(),
  enabled: z.boolean(),
  stallDays: z.number().int(),
  version: z.number().int(),
});
export type TStallSettings = z.infer<typeof ZStallSettings>;
export const ZPutStallSettingsRequest = z.object({
  enabled: z.boolean().optional(),
  stallDays: z.number().int().min(1).max(365).optional(),
  /** The version read (0 while the pipeline still uses the defaults). */
  version: z.number().int().min(0),
}).strict();
export const DEFAULT_STALL_SETTINGS = { enabled: true, stallDays: 14 } as const;

/**
 * Whole days an open deal has gone without activity when that reaches the pipeline's stall
 * days, else null. The board's and the deal page's badge; the server keeps the same moment as
 * the deal's "stalled since" (`deals.stalled_at`), which the stalled-deal workflow fires on.
 */
export function stalledDays(deal: { status?: string | null; lastActivityAt?: string | Date | null; stageEnteredAt?: string | Date | null }, settings: { enabled: boolean; stallDays: number }, now: Date = new Date()): number | null {
  if (!settings.enabled || deal.status !== 'open') return null;
  const since = deal.lastActivityAt ?? deal.stageEnteredAt;
  if (!since) return null;
  const days = Math.floor((now.getTime() - new Date(since).getTime()) / 86_400_000);
  return days >= settings.stallDays ? days : null;
}

/** Bulk actions on deals: each record goes through the ordinary use case and reports its own result. */
export const ZDealBulkRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), ids: z.array(z.uuid()).min(1).max(500), ownerId: z.uuid() }).strict(),
  z.object({ action: z.literal('delete'), ids: z.array(z.uuid()).min(1).max(500) }).strict(),
]);
export type TDealBulkRequest = z.infer<typeof ZDealBulkRequest>;
export const ZDealBulkResponse = z.object({
  results: z.array(z.object({ id: z.uuid(), ok: z.boolean(), status: z.number().int(), code: z.string().nullable(), message: z.string().nullable() })),
});
export type TDealBulkResponse = z.infer<typeof ZDealBulkResponse>;
