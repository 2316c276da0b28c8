import { and, eq, isNull, ne } from 'drizzle-orm';
import { translate, validationError, type Context } from '@voyage/kernel';
import { competitors, dealCompetitors } from '../../db/pipelines';

/**
 * Keeps a deal's competitors in step with a move: lost to a competitor marks it `lost_to`
 * (adding it to the deal if it was not on it); won marks every active competitor
 * `won_against`; moving back to an open stage makes them all active again.
 */
export async function closeDealCompetitors(ctx: Context, dealId: string, kind: 'open' | 'won' | 'lost', lostToCompetitorId: string | null): Promise<void> {
  const onDeal = and(eq(dealCompetitors.workspaceId, ctx.workspaceId), eq(dealCompetitors.dealId, dealId));
  if (kind === 'open') {
    await ctx.db.update(dealCompetitors).set({ status: 'active' }).where(and(onDeal, ne(dealCompetitors.status, 'active')));
    return;
  }
  if (kind === 'won') {
    await ctx.db.update(dealCompetitors).set({ status: 'won_against' }).where(and(onDeal, eq(dealCompetitors.status, 'active')));
    return;
  }
  if (!lostToCompetitorId) return;
  const [known] = await ctx.db.select({ id: competitors.id }).from(competitors)
    .where(and(eq(competitors.workspaceId, ctx.workspaceId), eq(competitors.id, lostToCompetitorId), isNull(competitors.deletedAt)));
  if (!known) throw validationError([{ field: 'lostToCompetitorId', code: 'unknown', message: translate(ctx.locale, 'sales.field.unknown_competitor', { field: 'lostToCompetitorId' }) }]);
  await ctx.db.insert(dealCompetitors).values({ workspaceId: ctx.workspaceId, dealId, competitorId: lostToCompetitorId, status: 'lost_to' })
    .onConflictDoUpdate({ target: [dealCompetitors.workspaceId, dealCompetitors.dealId, dealCompetitors.competitorId], set: { status: 'lost_to' } });
}
