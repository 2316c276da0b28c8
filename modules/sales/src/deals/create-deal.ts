import { and, eq, isNull } from 'drizzle-orm';
import type { TCreateDealRequest } from '@voyage/contracts';
import { assertCan, assertWritableFields, newId, translate, validationError, writeAudit, type Context } from '@voyage/kernel';
import { dealContacts as dealContactsTable, dealStageHistory, deals, pipelines } from '../db/pipelines';
import { ensureDefaultPipeline } from '../pipelines/default-pipeline';
import { loadPipeline, stageLabel } from '../pipelines/load-pipelines';
import { checkDealInput } from './check-deal-input';
import { dealToWire } from './deal-wire';
import { emitDealEvents } from './emit-deal-events';
import { missingRequiredFields, requiredFieldsError } from './required-fields';
import { runInTransaction } from '@voyage/kernel';

/**
 * Creates a deal in the given stage (default: the first stage of the given or default
 * pipeline). Creating straight into a stage follows the same required-field rule as a move.
 */
export async function createDeal(ctx: Context, input: TCreateDealRequest): Promise<Record<string, unknown>> {
  assertCan(ctx.actor, 'deal', 'create');
  assertWritableFields(ctx.actor, 'deal', input);
  return runInTransaction(ctx, async (tx) => {
    await ensureDefaultPipeline(tx.db, tx.workspaceId, tx.actor.userId);
    let pipelineId = input.pipelineId;
    if (!pipelineId) {
      const [p] = await tx.db.select({ id: pipelines.id }).from(pipelines).where(and(eq(pipelines.workspaceId, tx.workspaceId), eq(pipelines.isDefault, true), isNull(pipelines.deletedAt)));
      pipelineId = p?.id;
    }
    const pipeline = pipelineId ? (await loadPipeline(tx.db, tx.workspaceId, pipelineId).catch(() => undefined)) : undefined;
    if (!pipeline) throw validationError([{ field: 'pipelineId', code: 'unknown', message: translate(tx.locale, 'sales.field.unknown_pipeline', { field: 'pipelineId' }) }]);
    const stage = input.stageId ? pipeline.stages.find((s) => s.id === input.stageId) : pipeline.stages.find((s) => s.kind === 'open');
    if (!stage) throw validationError([{ field: 'stageId', code: 'unknown', message: translate(tx.locale, 'sales.field.unknown_stage', { field: 'stageId' }) }]);
    const [custom] = await checkDealInput(tx, [{ input, mode: 'create' }]);
    const now = new Date();
    const values = {
      workspaceId: tx.workspaceId, id: newId(), name: input.name, pipelineId: pipeline.id, stageId: stage.id, status: stage.kind,
      amountMinor: input.amountMinor ?? 0, currency: input.currency ?? pipeline.currency, closeDate: input.closeDate ?? null,
      probability: input.probability ?? null, forecastCategory: input.forecastCategory ?? null,
      ownerId: input.ownerId === undefined ? tx.actor.userId : input.ownerId, accountId: input.accountId ?? null, primaryContactId: input.primaryContactId ?? null,
      source: input.source ?? null, tags: input.tags ?? [], custom, closedAt: stage.kind === 'open' ? null : now, stageEnteredAt: now, lastActivityAt: now,
      createdAt: now, updatedAt: now, createdBy: tx.actor.userId, updatedBy: tx.actor.userId,
    };
    const missing = missingRequiredFields(stage.requiredFields, values);
    if (missing.length) throw requiredFieldsError(tx, stageLabel(stage, tx.locale), missing);
    const [row] = await tx.db.insert(deals).values(values).returning();
    await tx.db.insert(dealStageHistory).values({ workspaceId: tx.workspaceId, id: newId(), dealId: row.id, pipelineId: pipeline.id, fromStageId: null, toStageId: stage.id, changedAt: now, changedBy: tx.actor.userId, secondsInFrom: null });
    if (row.primaryContactId) await tx.db.insert(dealContactsTable).values({ workspaceId: tx.workspaceId, dealId: row.id, contactId: row.primaryContactId, isPrimary: true, createdBy: tx.actor.userId });
    const wire = dealToWire(row);
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'create', object: 'deal', recordId: row.id, summary: row.name, newValues: wire, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    await emitDealEvents(tx, [{ kind: 'created', deal: row, sourceId: row.id, stageName: stageLabel(stage, tx.locale) }]);
    return wire;
  });
}
