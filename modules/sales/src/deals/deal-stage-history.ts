import { and, asc, eq } from 'drizzle-orm';
import type { Context } from '@voyage/kernel';
import { dealStageHistory } from '../db/pipelines';
import { loadDeal } from './load-deal';

/** The stage changes of a deal the actor may see, oldest first. */
export async function listDealStageHistory(ctx: Context, dealId: string) {
  await loadDeal(ctx, dealId);
  const rows = await ctx.db.select().from(dealStageHistory)
    .where(and(eq(dealStageHistory.workspaceId, ctx.workspaceId), eq(dealStageHistory.dealId, dealId)))
    .orderBy(asc(dealStageHistory.changedAt), asc(dealStageHistory.id));
  return rows.map((r) => ({ id: r.id, fromStageId: r.fromStageId, toStageId: r.toStageId, changedAt: r.changedAt.toISOString(), changedBy: r.changedBy, secondsInFrom: r.secondsInFrom }));
}
