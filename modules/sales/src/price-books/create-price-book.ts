import { newId, writeAudit, type Context } from '@voyage/kernel';
import type { TCreatePriceBookRequest, TPriceBookDetail } from '@voyage/contracts';
import { priceBooks } from '../db/products';
import { getPriceBook } from './get-price-book';
import { clearOtherDefaults, priceBookWhere } from './price-book-where';

/** A new, empty price book; as the default it takes the flag from the currency's previous default. */
export async function createPriceBook(ctx: Context, input: TCreatePriceBookRequest): Promise<TPriceBookDetail> {
  priceBookWhere(ctx, 'create');
  const id = newId();
  await ctx.database.db.transaction(async (tx) => {
    if (input.isDefault) await clearOtherDefaults(tx, ctx.workspaceId, input.currency, id);
    await tx.insert(priceBooks).values({
      workspaceId: ctx.workspaceId, id, name: input.name, currency: input.currency, customerLevel: input.customerLevel ?? null,
      isDefault: input.isDefault ?? false, active: input.active ?? true, createdBy: ctx.actor.userId, updatedBy: ctx.actor.userId,
    });
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'create', object: 'price_book', recordId: id, summary: input.name, newValues: input, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
  });
  return getPriceBook(ctx, id);
}
