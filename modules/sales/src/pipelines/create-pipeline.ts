import { and, eq, sql } from 'drizzle-orm';
import type { TCreatePipelineRequest, TPipeline } from '@voyage/contracts';
import { assertCapability, newId, writeAudit, type Context } from '@voyage/kernel';
import { pipelines, pipelineStages } from '../db/pipelines';
import { runInTransaction } from '@voyage/kernel';
import { ensureDefaultPipeline } from './default-pipeline';
import { loadPipeline } from './load-pipelines';
import { checkStageKinds } from './check-stage-kinds';

/** A new pipeline; without stages it gets open, won and lost ones named like the default's. */
export async function createPipeline(ctx: Context, input: TCreatePipelineRequest): Promise<TPipeline> {
  assertCapability(ctx.actor, 'settings.modules');
  const stages = input.stages ?? [
    { name: '进行中', kind: 'open' as const, probability: 10 },
    { name: '赢单', kind: 'won' as const, probability: 100 },
    { name: '输单', kind: 'lost' as const, probability: 0 },
  ];
  checkStageKinds(ctx, stages.map((s) => s.kind ?? 'open'), 'stages');
  return runInTransaction(ctx, async (tx) => {
    await ensureDefaultPipeline(tx.db, tx.workspaceId, tx.actor.userId);
    const id = newId();
    const [{ next }] = await tx.db.select({ next: sql<number>`coalesce(max(${pipelines.position}), -1)::int + 1` }).from(pipelines).where(eq(pipelines.workspaceId, tx.workspaceId));
    if (input.isDefault) await tx.db.update(pipelines).set({ isDefault: false }).where(and(eq(pipelines.workspaceId, tx.workspaceId), eq(pipelines.isDefault, true)));
    await tx.db.insert(pipelines).values({ workspaceId: tx.workspaceId, id, name: input.name, isDefault: input.isDefault ?? false, position: next, currency: input.currency ?? 'CNY', createdBy: tx.actor.userId, updatedBy: tx.actor.userId });
    await tx.db.insert(pipelineStages).values(stages.map((s, position) => ({
      workspaceId: tx.workspaceId, id: newId(), pipelineId: id, name: s.name, position, kind: s.kind ?? 'open',
      probability: s.probability ?? (s.kind === 'won' ? 100 : 0), requiredFields: s.requiredFields ?? [], rottingDays: s.rottingDays ?? null,
      createdBy: tx.actor.userId, updatedBy: tx.actor.userId,
    })));
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'create', object: 'pipeline', recordId: id, summary: input.name, newValues: { ...input }, actorUserId: tx.actor.userId, requestId: tx.requestId, ip: tx.ip });
    return loadPipeline(tx.db, tx.workspaceId, id);
  });
}
