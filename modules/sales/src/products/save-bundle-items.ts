import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Queryable } from '@voyage/kernel';
import type { Context } from '@voyage/kernel';
import type { TBundleItem } from '@voyage/contracts';
import { productBundleItems, products } from '../db/products';
import { fieldError } from './product-access';

/**
 * Replaces a bundle's items. A bundle holds plain products only: not itself, not another
 * bundle (one level keeps prices and quotes simple) — each refusal is a 422 naming the item.
 */
export async function saveBundleItems(ctx: Context, tx: Queryable, bundleId: string, isBundle: boolean, items: TBundleItem[]): Promise<void> {
  if (!isBundle && items.length) throw fieldError(ctx, 'business_rule', 'items', 'sales.bundle_items_not_bundle');
  const ids = [...new Set(items.map((i) => i.productId))];
  const found = ids.length
    ? await tx.select({ id: products.id, sku: products.sku, isBundle: products.isBundle }).from(products)
      .where(and(eq(products.workspaceId, ctx.workspaceId), isNull(products.deletedAt), inArray(products.id, ids)))
    : [];
  const byId = new Map(found.map((p) => [p.id, p]));
  for (const [i, item] of items.entries()) {
    const field = `items.${i}.productId`;
    if (item.productId === bundleId) throw fieldError(ctx, 'business_rule', field, 'sales.bundle_contains_itself');
    const product = byId.get(item.productId);
    if (!product) throw fieldError(ctx, 'business_rule', field, 'sales.bundle_item_unknown');
    if (product.isBundle) throw fieldError(ctx, 'business_rule', field, 'sales.bundle_contains_bundle', { sku: product.sku });
  }
  await tx.delete(productBundleItems).where(and(eq(productBundleItems.workspaceId, ctx.workspaceId), eq(productBundleItems.bundleId, bundleId)));
  // A product listed twice is kept once, with the last quantity given.
  const unique = new Map(items.map((item, position) => [item.productId, { ...item, position }]));
  if (unique.size) {
    await tx.insert(productBundleItems).values([...unique.values()].map((item) => ({
      workspaceId: ctx.workspaceId, bundleId, productId: item.productId, quantity: String(item.quantity), optional: item.optional, position: item.position,
    })));
  }
}
