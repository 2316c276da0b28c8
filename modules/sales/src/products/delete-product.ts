import { and, eq, isNull } from 'drizzle-orm';
import { notFound, writeAudit, type Context } from '@voyage/kernel';
import { productBundleItems, products } from '../db/products';
import { fieldError, productWhere } from './product-access';

/** Moves a product to the trash; refused (422) while a live bundle contains it. Deal lines keep their copy of the price. */
export async function deleteProduct(ctx: Context, id: string): Promise<void> {
  const where = and(productWhere(ctx, 'delete'), eq(products.id, id));
  await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.select().from(products).where(where);
    if (!row) throw notFound('product');
    const [parent] = await tx.select({ name: products.name }).from(productBundleItems)
      .innerJoin(products, and(eq(products.workspaceId, productBundleItems.workspaceId), eq(products.id, productBundleItems.bundleId)))
      .where(and(eq(productBundleItems.workspaceId, ctx.workspaceId), eq(productBundleItems.productId, id), isNull(products.deletedAt)));
    if (parent) throw fieldError(ctx, 'business_rule', 'id', 'sales.product_in_use', { name: parent.name });
    await tx.update(products).set({ deletedAt: new Date(), updatedAt: new Date(), updatedBy: ctx.actor.userId }).where(where);
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'delete', object: 'product', recordId: id, summary: `${row.sku} ${row.name}`, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
  });
}
