import { and, asc, eq, isNull } from 'drizzle-orm';
import { notFound, runInTransaction, writeAudit, type Context } from '@voyage/kernel';
import { competitors, dealCompetitors } from '../../db/pipelines';
import { touchDeals } from '../deal-activity';
import { loadDeal } from '../load-deal';

type Status = 'active' | 'won_against' | 'lost_to';

/** The competitors on a deal the actor may see, with their status against it. */
export async function listDealCompetitors(ctx: Context, dealId: string) {
  await loadDeal(ctx, dealId);
  const rows = await ctx.db.select({ link: dealCompetitors, name: competitors.name, website: competitors.website }).from(dealCompetitors)
    .innerJoin(competitors, and(eq(competitors.workspaceId, dealCompetitors.workspaceId), eq(competitors.id, dealCompetitors.competitorId)))
    .where(and(eq(dealCompetitors.workspaceId, ctx.workspaceId), eq(dealCompetitors.dealId, dealId)))
    .orderBy(asc(dealCompetitors.createdAt), asc(competitors.name));
  return rows.map(({ link, name, website }) => ({ competitorId: link.competitorId, name, website, status: link.status as Status, note: link.note, createdAt: link.createdAt.toISOString() }));
}

/** Puts a competitor on a deal, or changes its status or note. */
export async function putDealCompetitor(ctx: Context, dealId: string, competitorId: string, input: { status?: Status; note?: string | null }) {
  return runInTransaction(ctx, async (tx) => {
    const deal = await loadDeal(tx, dealId, 'update', { forUpdate: true });
    const [known] = await tx.db.select({ id: competitors.id }).from(competitors)
      .where(and(eq(competitors.workspaceId, tx.workspaceId), eq(competitors.id, competitorId), isNull(competitors.deletedAt)));
    if (!known) throw notFound('competitor');
    const insert = tx.db.insert(dealCompetitors).values({ workspaceId: tx.workspaceId, dealId, competitorId, status: input.status ?? 'active', note: input.note ?? null });
    const set = { ...(input.status ? { status: input.status } : {}), ...(input.note !== undefined ? { note: input.note } : {}) };
    const target = [dealCompetitors.workspaceId, dealCompetitors.dealId, dealCompetitors.competitorId];
    await (Object.keys(set).length ? insert.onConflictDoUpdate({ target, set }) : insert.onConflictDoNothing({ target }));
    await touchDeals(tx.db, tx.workspaceId, [dealId]);
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'update', object: 'deal', recordId: dealId, summary: deal.name, newValues: { competitor: { competitorId, ...input } }, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    return listDealCompetitors(tx, dealId);
  });
}

export async function removeDealCompetitor(ctx: Context, dealId: string, competitorId: string): Promise<void> {
  await runInTransaction(ctx, async (tx) => {
    const deal = await loadDeal(tx, dealId, 'update', { forUpdate: true });
    const removed = await tx.db.delete(dealCompetitors)
      .where(and(eq(dealCompetitors.workspaceId, tx.workspaceId), eq(dealCompetitors.dealId, dealId), eq(dealCompetitors.competitorId, competitorId))).returning();
    if (removed.length === 0) throw notFound('competitor');
    await touchDeals(tx.db, tx.workspaceId, [dealId]);
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'update', object: 'deal', recordId: dealId, summary: deal.name, oldValues: { competitor: { competitorId } }, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
  });
}
