import { and, eq } from 'drizzle-orm';
import { notFound, writeAudit, type Context } from '@voyage/kernel';
import { priceBooks } from '../db/products';
import { priceBookWhere } from './price-book-where';

/** Moves a price book to the trash; deal lines priced from it keep their prices. */
export async function deletePriceBook(ctx: Context, id: string): Promise<void> {
  const where = and(priceBookWhere(ctx, 'delete'), eq(priceBooks.id, id));
  await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.update(priceBooks).set({ deletedAt: new Date(), isDefault: false, updatedAt: new Date(), updatedBy: ctx.actor.userId }).where(where).returning();
    if (!row) throw notFound('price_book');
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'delete', object: 'price_book', recordId: id, summary: row.name, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
  });
}
