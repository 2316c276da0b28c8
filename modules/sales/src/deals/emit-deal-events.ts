import { CUSTOMERS_TIMELINE_APPEND, DEAL_EVENTS, type TTimelineAppendEvent } from '@voyage/contracts';
import { emitEvents, type Context, type EmitInput } from '@voyage/kernel';
import type { DealRow } from '../db/pipelines';

export type DealEventKind = 'created' | 'stageChanged' | 'won' | 'lost';

export interface DealEvent {
  kind: DealEventKind;
  deal: Pick<DealRow, 'id' | 'name' | 'ownerId' | 'accountId' | 'primaryContactId' | 'amountMinor' | 'currency' | 'stageId' | 'pipelineId' | 'status'>;
  /** The id that makes the timeline entry unique (a history row id, or the deal id on create). */
  sourceId: string;
  fromStageId?: string | null;
  stageName?: string;
  reason?: string | null;
}

const TIMELINE_KIND: Record<DealEventKind, string> = { created: 'deal_created', stageChanged: 'deal_stage_changed', won: 'deal_won', lost: 'deal_lost' };

/**
 * Emits the deal's own events and, for the deal's account and primary contact, a
 * `customers.timeline.append` so the 360° timelines show it (the customers module owns them).
 */
export async function emitDealEvents(ctx: Context, list: DealEvent[]): Promise<void> {
  const out: EmitInput[] = [];
  for (const e of list) {
    const d = e.deal;
    const payload = { id: d.id, ownerId: d.ownerId, accountId: d.accountId, primaryContactId: d.primaryContactId, pipelineId: d.pipelineId, stageId: d.stageId, fromStageId: e.fromStageId ?? null, status: d.status };
    out.push({ workspaceId: ctx.workspaceId, event: DEAL_EVENTS[e.kind], payload, actorUserId: ctx.actor.userId });
    const subjects = [
      ...(d.accountId ? [{ type: 'account' as const, id: d.accountId }] : []),
      ...(d.primaryContactId ? [{ type: 'contact' as const, id: d.primaryContactId }] : []),
    ];
    for (const s of subjects) {
      const entry: TTimelineAppendEvent = {
        subjectType: s.type, subjectId: s.id, kind: TIMELINE_KIND[e.kind],
        title: { key: `sales.timeline.${TIMELINE_KIND[e.kind]}`, params: { name: d.name, stage: e.stageName ?? '' } },
        body: e.reason ?? null,
        data: { dealId: d.id, stageId: d.stageId, fromStageId: e.fromStageId ?? null, amountMinor: d.amountMinor, currency: d.currency },
        sourceId: `deal:${e.sourceId}:${e.kind}:${s.id}`,
      };
      out.push({ workspaceId: ctx.workspaceId, event: CUSTOMERS_TIMELINE_APPEND, payload: entry, actorUserId: ctx.actor.userId });
    }
  }
  if (out.length) await emitEvents(ctx.db, out);
}
