import { and, eq, isNull, sql } from 'drizzle-orm';
import { DEFAULT_STALL_SETTINGS, type TStallSettings } from '@voyage/contracts';
import { AppError, runInTransaction, writeAudit, type Context, type Queryable } from '@voyage/kernel';
import { dealStallSettings } from '../../db/deal-extras';
import { deals } from '../../db/pipelines';
import { loadPipeline } from '../../pipelines/load-pipelines';

/** A pipeline's stalled-deal settings; version 0 means it still uses the defaults. */
export async function readStallSettings(db: Queryable, workspaceId: string, pipelineId: string): Promise<TStallSettings> {
  const [row] = await db.select().from(dealStallSettings).where(and(eq(dealStallSettings.workspaceId, workspaceId), eq(dealStallSettings.pipelineId, pipelineId)));
  return row
    ? { pipelineId, enabled: row.enabled, stallDays: row.stallDays, version: row.version }
    : { pipelineId, ...DEFAULT_STALL_SETTINGS, version: 0 };
}

export async function getStallSettings(ctx: Context, pipelineId: string): Promise<TStallSettings> {
  await loadPipeline(ctx.db, ctx.workspaceId, pipelineId);
  return readStallSettings(ctx.db, ctx.workspaceId, pipelineId);
}

/**
 * "Stalled since" of a pipeline's open deals under new settings (the trigger on deals keeps it
 * on every other write): last activity (or entering the stage) + the stall days, or none while
 * the alert is off.
 */
async function recomputeStalledAt(db: Queryable, workspaceId: string, pipelineId: string, settings: { enabled: boolean; stallDays: number }): Promise<void> {
  const since = sql`coalesce(${deals.lastActivityAt}, ${deals.stageEnteredAt})`;
  await db.update(deals)
    .set({ stalledAt: settings.enabled ? sql`${since} + make_interval(hours => 24 * ${settings.stallDays}::int)` : null })
    .where(and(eq(deals.workspaceId, workspaceId), eq(deals.pipelineId, pipelineId), eq(deals.status, 'open'), isNull(deals.deletedAt)));
}

/** Changes a pipeline's stalled-deal settings under the version read (409 when stale); its open deals follow at once. */
export async function putStallSettings(ctx: Context, pipelineId: string, input: { enabled?: boolean; stallDays?: number; version: number }): Promise<TStallSettings> {
  return runInTransaction(ctx, async (tx) => {
    await loadPipeline(tx.db, tx.workspaceId, pipelineId);
    const before = await readStallSettings(tx.db, tx.workspaceId, pipelineId);
    if (before.version !== input.version) throw new AppError('version_conflict', { details: { field: 'version', currentVersion: before.version } });
    const next = {
      enabled: input.enabled ?? before.enabled, stallDays: input.stallDays ?? before.stallDays,
      version: before.version + 1, updatedAt: new Date(), updatedBy: tx.actor.userId,
    };
    await tx.db.insert(dealStallSettings).values({ workspaceId: tx.workspaceId, pipelineId, ...next })
      .onConflictDoUpdate({ target: [dealStallSettings.workspaceId, dealStallSettings.pipelineId], set: next });
    if (next.enabled !== before.enabled || next.stallDays !== before.stallDays) await recomputeStalledAt(tx.db, tx.workspaceId, pipelineId, next);
    const after = await readStallSettings(tx.db, tx.workspaceId, pipelineId);
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'update', object: 'pipeline', recordId: pipelineId, summary: 'stall settings', oldValues: before, newValues: after, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    return after;
  });
}
