import { and, eq, ne, sql } from 'drizzle-orm';
import type { TPipeline, TUpdatePipelineRequest } from '@voyage/contracts';
import { AppError, assertCapability, writeAudit, type Context } from '@voyage/kernel';
import { pipelines } from '../db/pipelines';
import { runInTransaction } from '@voyage/kernel';
import { loadPipeline } from './load-pipelines';

/** Renames a pipeline, changes its currency, or makes it the default. */
export async function updatePipeline(ctx: Context, id: string, input: TUpdatePipelineRequest): Promise<TPipeline> {
  assertCapability(ctx.actor, 'settings.modules');
  return runInTransaction(ctx, async (tx) => {
    const current = await loadPipeline(tx.db, tx.workspaceId, id);
    if (current.version !== input.version) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: current.version } });
    if (input.isDefault) await tx.db.update(pipelines).set({ isDefault: false }).where(and(eq(pipelines.workspaceId, tx.workspaceId), ne(pipelines.id, id), eq(pipelines.isDefault, true)));
    const renamed = input.name !== undefined && input.name !== current.name;
    await tx.db.update(pipelines).set({
      ...(renamed ? { name: input.name, labels: {} } : {}),
      ...(input.currency ? { currency: input.currency } : {}),
      ...(input.isDefault ? { isDefault: true } : {}),
      version: sql`${pipelines.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId,
    }).where(and(eq(pipelines.workspaceId, tx.workspaceId), eq(pipelines.id, id)));
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'update', object: 'pipeline', recordId: id, summary: input.name ?? current.name, oldValues: { name: current.name, currency: current.currency, isDefault: current.isDefault }, newValues: input, actorUserId: tx.actor.userId, requestId: tx.requestId, ip: tx.ip });
    return loadPipeline(tx.db, tx.workspaceId, id);
  });
}
