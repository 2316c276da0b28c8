import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { TCreateStageRequest, TPipeline, TUpdateStageRequest } from '@voyage/contracts';
import { AppError, assertCapability, newId, translate, validationError, writeAudit, type Context } from '@voyage/kernel';
import { deals, pipelineStages } from '../db/pipelines';
import { DEAL_ERRORS } from '../deals/deal-messages';
import { runInTransaction } from '@voyage/kernel';
import { checkStageKinds } from './check-stage-kinds';
import { loadPipeline, stageLabel } from './load-pipelines';

const audit = (tx: Context, action: string, recordId: string, summary: string, newValues: unknown, oldValues?: unknown) =>
  writeAudit(tx.db, { workspaceId: tx.workspaceId, action, object: 'pipeline_stage', recordId, summary, newValues, oldValues, actorUserId: tx.actor.userId, requestId: tx.requestId, ip: tx.ip });

/** Rewrites positions 0..n-1 in the given order. */
async function writeOrder(tx: Context, stageIds: string[]): Promise<void> {
  if (stageIds.length === 0) return;
  const cases = sql.join(stageIds.map((id, i) => sql`when ${id}::uuid then ${i}::int`), sql` `);
  await tx.db.update(pipelineStages).set({ position: sql`case ${pipelineStages.id} ${cases} end` })
    .where(and(eq(pipelineStages.workspaceId, tx.workspaceId), sql`${pipelineStages.id} in (${sql.join(stageIds.map((id) => sql`${id}::uuid`), sql`, `)})`));
}

/** Adds a stage at `position` (default: before the closed stages). */
export async function createStage(ctx: Context, pipelineId: string, input: TCreateStageRequest): Promise<TPipeline> {
  assertCapability(ctx.actor, 'settings.modules');
  return runInTransaction(ctx, async (tx) => {
    const pipeline = await loadPipeline(tx.db, tx.workspaceId, pipelineId);
    const firstClosed = pipeline.stages.findIndex((s) => s.kind !== 'open');
    const position = Math.min(input.position ?? (firstClosed < 0 ? pipeline.stages.length : firstClosed), pipeline.stages.length);
    const id = newId();
    const kind = input.kind ?? 'open';
    await tx.db.insert(pipelineStages).values({
      workspaceId: tx.workspaceId, id, pipelineId, name: input.name, position, kind, probability: input.probability ?? (kind === 'won' ? 100 : 0),
      requiredFields: input.requiredFields ?? [], rottingDays: input.rottingDays ?? null, createdBy: tx.actor.userId, updatedBy: tx.actor.userId,
    });
    const order = pipeline.stages.map((s) => s.id);
    order.splice(position, 0, id);
    await writeOrder(tx, order);
    await audit(tx, 'create', id, input.name, input);
    return loadPipeline(tx.db, tx.workspaceId, pipelineId);
  });
}

/** Changes a stage's name, kind, probability, required fields or rotting days. */
export async function updateStage(ctx: Context, pipelineId: string, stageId: string, input: TUpdateStageRequest): Promise<TPipeline> {
  assertCapability(ctx.actor, 'settings.modules');
  return runInTransaction(ctx, async (tx) => {
    const pipeline = await loadPipeline(tx.db, tx.workspaceId, pipelineId);
    const stage = pipeline.stages.find((s) => s.id === stageId);
    if (!stage) throw new AppError('not_found', { params: { what: 'stage' } });
    if (stage.version !== input.version) throw new AppError('version_conflict', { details: { field: 'version', id: stageId, currentVersion: stage.version } });
    if (input.kind) checkStageKinds(tx, pipeline.stages.map((s) => (s.id === stageId ? input.kind! : s.kind)), 'kind');
    const renamed = input.name !== undefined && input.name !== stage.name;
    const { version: _version, name: _name, ...rest } = input;
    await tx.db.update(pipelineStages).set({
      ...rest, ...(renamed ? { name: input.name, labels: {} } : {}),
      version: sql`${pipelineStages.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId,
    }).where(and(eq(pipelineStages.workspaceId, tx.workspaceId), eq(pipelineStages.id, stageId)));
    await audit(tx, 'update', stageId, input.name ?? stage.name, input, stage);
    return loadPipeline(tx.db, tx.workspaceId, pipelineId);
  });
}

/** Puts the stages in the given order; every stage of the pipeline must be listed once. */
export async function reorderStages(ctx: Context, pipelineId: string, stageIds: string[]): Promise<TPipeline> {
  assertCapability(ctx.actor, 'settings.modules');
  return runInTransaction(ctx, async (tx) => {
    const pipeline = await loadPipeline(tx.db, tx.workspaceId, pipelineId);
    const known = new Set(pipeline.stages.map((s) => s.id));
    if (stageIds.length !== known.size || new Set(stageIds).size !== stageIds.length || stageIds.some((id) => !known.has(id))) {
      throw validationError([{ field: 'stageIds', code: 'invalid', message: translate(tx.locale, 'sales.stage_order') }]);
    }
    await writeOrder(tx, stageIds);
    await audit(tx, 'reorder', pipelineId, pipeline.name, { stageIds });
    return loadPipeline(tx.db, tx.workspaceId, pipelineId);
  });
}

/** Deletes a stage no deal (live or in the trash) is in, keeping one open stage. */
export async function deleteStage(ctx: Context, pipelineId: string, stageId: string): Promise<TPipeline> {
  assertCapability(ctx.actor, 'settings.modules');
  return runInTransaction(ctx, async (tx) => {
    const pipeline = await loadPipeline(tx.db, tx.workspaceId, pipelineId);
    const stage = pipeline.stages.find((s) => s.id === stageId);
    if (!stage) throw new AppError('not_found', { params: { what: 'stage' } });
    checkStageKinds(tx, pipeline.stages.filter((s) => s.id !== stageId).map((s) => s.kind), 'stageId');
    const [{ n }] = await tx.db.select({ n: count() }).from(deals).where(and(eq(deals.workspaceId, tx.workspaceId), eq(deals.stageId, stageId)));
    if (n > 0) {
      const name = stageLabel(stage, tx.locale);
      throw new AppError(DEAL_ERRORS.stageInUse, { message: translate(tx.locale, 'sales.stage_in_use', { stage: name, count: n }), details: { field: 'stageId', count: n } });
    }
    await tx.db.update(pipelineStages).set({ deletedAt: new Date(), updatedBy: tx.actor.userId, version: sql`${pipelineStages.version} + 1` })
      .where(and(eq(pipelineStages.workspaceId, tx.workspaceId), eq(pipelineStages.id, stageId), isNull(pipelineStages.deletedAt)));
    await writeOrder(tx, pipeline.stages.filter((s) => s.id !== stageId).map((s) => s.id));
    await audit(tx, 'delete', stageId, stage.name, null, stage);
    return loadPipeline(tx.db, tx.workspaceId, pipelineId);
  });
}
