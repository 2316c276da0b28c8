import type { TPipeline } from '@voyage/contracts';
import { assertCan, type Context } from '@voyage/kernel';
import { ensureDefaultPipeline } from './default-pipeline';
import { loadPipelines } from './load-pipelines';

/** Pipelines with their stages; the first call of a workspace creates the default one. */
export async function listPipelines(ctx: Context): Promise<TPipeline[]> {
  assertCan(ctx.actor, 'deal', 'read');
  await ensureDefaultPipeline(ctx.db, ctx.workspaceId, ctx.actor.userId);
  return loadPipelines(ctx.db, ctx.workspaceId);
}
