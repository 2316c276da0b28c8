import { and, eq, sql } from 'drizzle-orm';
import { DEAL_EVENTS } from '@voyage/contracts';
import { emitEvents, writeAudit, type Context } from '@voyage/kernel';
import { deals } from '../db/pipelines';
import { loadDeal } from './load-deal';
import { runInTransaction } from '@voyage/kernel';

/** Moves a deal to the trash (`restore` false) or back out of it. */
export async function setDealTrashed(ctx: Context, id: string, trashed: boolean): Promise<void> {
  await runInTransaction(ctx, async (tx) => {
    const row = await loadDeal(tx, id, 'delete', { onlyDeleted: !trashed, forUpdate: true });
    await tx.db.update(deals).set({ deletedAt: trashed ? new Date() : null, version: sql`${deals.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId })
      .where(and(eq(deals.workspaceId, tx.workspaceId), eq(deals.id, id)));
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: trashed ? 'delete' : 'restore', object: 'deal', recordId: id, summary: row.name, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    await emitEvents(tx.db, { workspaceId: tx.workspaceId, event: trashed ? DEAL_EVENTS.deleted : DEAL_EVENTS.restored, payload: { id, ownerId: row.ownerId }, actorUserId: tx.actor.userId });
  });
}
