import { and, eq, sql } from 'drizzle-orm';
import { AppError, notFound, writeAudit, type Context } from '@voyage/kernel';
import type { TPriceBookDetail, TUpdatePriceBookRequest } from '@voyage/contracts';
import { priceBooks } from '../db/products';
import { getPriceBook } from './get-price-book';
import { clearOtherDefaults, priceBookWhere } from './price-book-where';

/** Renames a book, changes its tier or currency, or makes it the default of its currency; `version` must match. */
export async function updatePriceBook(ctx: Context, id: string, input: TUpdatePriceBookRequest): Promise<TPriceBookDetail> {
  const where = and(priceBookWhere(ctx, 'update'), eq(priceBooks.id, id));
  await ctx.database.db.transaction(async (tx) => {
    const [before] = await tx.select().from(priceBooks).where(where);
    if (!before) throw notFound('price_book');
    const { version, ...changes } = input;
    if (before.version !== version) throw new AppError('version_conflict');
    const isDefault = changes.isDefault ?? before.isDefault;
    if (isDefault) await clearOtherDefaults(tx, ctx.workspaceId, changes.currency ?? before.currency, id);
    const [after] = await tx.update(priceBooks).set({ ...changes, version: sql`${priceBooks.version} + 1`, updatedAt: new Date(), updatedBy: ctx.actor.userId })
      .where(and(where, eq(priceBooks.version, version))).returning();
    if (!after) throw new AppError('version_conflict');
    await writeAudit(tx, {
      workspaceId: ctx.workspaceId, action: 'update', object: 'price_book', recordId: id, summary: after.name,
      oldValues: Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof typeof before]])), newValues: changes,
      actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId,
    });
  });
  return getPriceBook(ctx, id);
}
