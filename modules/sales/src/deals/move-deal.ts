import { and, eq, sql } from 'drizzle-orm';
import { DEAL_EVENTS, type TMoveDealRequest } from '@voyage/contracts';
import { AppError, assertFieldsUnlocked, emitEvents, newId, translate, writeAudit, type Context } from '@voyage/kernel';
import { closeDealCompetitors } from './competitors/close-deal-competitors';
import { dealActivity } from './deal-activity';
import { resolveCloseReason } from './reasons/resolve-close-reason';
import { dealStageHistory, deals } from '../db/pipelines';
import { loadStage, stageLabel } from '../pipelines/load-pipelines';
import { emitDealEvents } from './emit-deal-events';
import { getDeal } from './get-deal';
import { loadDeal } from './load-deal';
import { missingRequiredFields, requiredFieldsError } from './required-fields';
import { runInTransaction } from '@voyage/kernel';

/**
 * Moves a deal into a stage. Refused (422) when the stage's required fields are empty on
 * the deal, or when won/lost comes without its reason (picked from the list when there is one);
 * lost may name the competitor it went to. Writes the stage history with the
 * seconds spent in the stage left, and sets status, closed time and the stage's probability.
 */
export async function moveDeal(ctx: Context, id: string, input: TMoveDealRequest): Promise<Record<string, unknown>> {
  return runInTransaction(ctx, async (tx) => {
    const deal = await loadDeal(tx, id, 'update', { forUpdate: true });
    if (deal.version !== input.version) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: deal.version } });
    const stage = await loadStage(tx.db, tx.workspaceId, input.stageId).catch(() => {
      throw new AppError('validation_failed', { details: { fields: [{ field: 'stageId', code: 'unknown', message: translate(tx.locale, 'sales.field.unknown_stage', { field: 'stageId' }) }] } });
    });
    if (stage.id === deal.stageId) return getDeal(tx, id);
    // A stage guarded by a pending approval stays where it is (the status follows the stage).
    await assertFieldsUnlocked(tx.db, tx.workspaceId, 'deal', id, stage.kind === deal.status ? ['stageId'] : ['stageId', 'status'], tx.locale);
    const name = stageLabel(stage, tx.locale);
    const missing = missingRequiredFields(stage.requiredFields, deal as unknown as Record<string, unknown>);
    if (missing.length) throw requiredFieldsError(tx, name, missing);
    const closing = stage.kind === 'open' ? null : await resolveCloseReason(tx, stage.kind, input);
    const reasonField = stage.kind === 'won' ? 'wonReason' : stage.kind === 'lost' ? 'lostReason' : null;
    const reason = closing?.text ?? null;
    const lostTo = stage.kind === 'lost' ? input.lostToCompetitorId ?? null : null;
    await closeDealCompetitors(tx, id, stage.kind, lostTo);
    const now = new Date();
    const secondsInFrom = Math.max(0, Math.round((now.getTime() - deal.stageEnteredAt.getTime()) / 1000));
    const [row] = await tx.db.update(deals).set({
      pipelineId: stage.pipelineId, stageId: stage.id, status: stage.kind, probability: stage.probability, stageEnteredAt: now,
      closedAt: stage.kind === 'open' ? null : now,
      wonReason: stage.kind === 'won' ? reason : stage.kind === 'open' ? null : deal.wonReason,
      lostReason: stage.kind === 'lost' ? reason : stage.kind === 'open' ? null : deal.lostReason,
      lostToCompetitorId: lostTo, closeReasonId: closing?.reasonId ?? null, ...dealActivity(now),
      version: sql`${deals.version} + 1`, updatedAt: now, updatedBy: tx.actor.userId,
    }).where(and(eq(deals.workspaceId, tx.workspaceId), eq(deals.id, id))).returning();
    const historyId = newId();
    await tx.db.insert(dealStageHistory).values({ workspaceId: tx.workspaceId, id: historyId, dealId: id, pipelineId: stage.pipelineId, fromStageId: deal.stageId, toStageId: stage.id, changedAt: now, changedBy: tx.actor.userId, secondsInFrom });
    await writeAudit(tx.db, {
      workspaceId: tx.workspaceId, action: 'update', object: 'deal', recordId: id, summary: deal.name,
      oldValues: { stageId: deal.stageId, status: deal.status }, newValues: { stageId: stage.id, status: stage.kind, ...(reasonField ? { [reasonField]: reason, closeReasonId: closing?.reasonId ?? null } : {}), ...(lostTo ? { lostToCompetitorId: lostTo } : {}) },
      actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip,
    });
    const kind = stage.kind === 'won' ? 'won' : stage.kind === 'lost' ? 'lost' : 'stageChanged';
    await emitDealEvents(tx, [{ kind, deal: row, sourceId: historyId, fromStageId: deal.stageId, stageName: name, reason }]);
    // Also as an update, so a workflow's "field changed" on stageId or status sees it like any other field.
    await emitEvents(tx.db, {
      workspaceId: tx.workspaceId, event: DEAL_EVENTS.updated, actorUserId: tx.actor.userId,
      payload: { id, ownerId: row.ownerId, changes: { stageId: stage.id, status: stage.kind }, previous: { stageId: deal.stageId, status: deal.status } },
    });
    return getDeal(tx, id);
  });
}
