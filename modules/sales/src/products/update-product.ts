import { and, eq, sql } from 'drizzle-orm';
import { AppError, notFound, writeAudit, type Context } from '@voyage/kernel';
import type { TProductDetail, TUpdateProductRequest } from '@voyage/contracts';
import { productBundleItems, products } from '../db/products';
import { getProduct } from './get-product';
import { fieldError, productWhere } from './product-access';
import { productView } from './product-view';
import { saveBundleItems } from './save-bundle-items';
import { assertSkuFree } from './sku-taken';

/** Changes a product; `version` must match (409 otherwise). Items, when sent, replace the bundle's items. */
export async function updateProduct(ctx: Context, id: string, input: TUpdateProductRequest): Promise<TProductDetail> {
  const where = and(productWhere(ctx, 'update'), eq(products.id, id));
  await ctx.database.db.transaction(async (tx) => {
    const [before] = await tx.select().from(products).where(where);
    if (!before) throw notFound('product');
    if (before.version !== input.version) throw new AppError('version_conflict');
    if (input.sku !== undefined && input.sku !== before.sku) await assertSkuFree(ctx, tx, input.sku, id);
    const isBundle = input.isBundle ?? before.isBundle;
    if (!isBundle && before.isBundle && input.items === undefined) input = { ...input, items: [] };
    if (isBundle && !before.isBundle) {
      // A product that sits inside a bundle cannot become a bundle itself (bundles are one level).
      const [parent] = await tx.select({ name: products.name }).from(productBundleItems)
        .innerJoin(products, and(eq(products.workspaceId, productBundleItems.workspaceId), eq(products.id, productBundleItems.bundleId)))
        .where(and(eq(productBundleItems.workspaceId, ctx.workspaceId), eq(productBundleItems.productId, id)));
      if (parent) throw fieldError(ctx, 'business_rule', 'isBundle', 'sales.product_in_use', { name: parent.name });
    }
    const { version, items, ...changes } = input;
    const [after] = await tx.update(products)
      .set({ ...changes, version: sql`${products.version} + 1`, updatedAt: new Date(), updatedBy: ctx.actor.userId })
      .where(and(where, eq(products.version, version)))
      .returning();
    if (!after) throw new AppError('version_conflict');
    if (items !== undefined) await saveBundleItems(ctx, tx, id, after.isBundle, items);
    const old = productView(before);
    await writeAudit(tx, {
      workspaceId: ctx.workspaceId, action: 'update', object: 'product', recordId: id, summary: `${after.sku} ${after.name}`,
      oldValues: Object.fromEntries(Object.keys(changes).map((k) => [k, old[k as keyof typeof old]])), newValues: { ...changes, ...(items ? { items } : {}) },
      actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId,
    });
  });
  return getProduct(ctx, id);
}
