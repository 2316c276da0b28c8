import { and, asc, eq } from 'drizzle-orm';
import { notFound, type Context } from '@voyage/kernel';
import type { TProductDetail } from '@voyage/contracts';
import { productBundleItems, products } from '../db/products';
import { productWhere } from './product-access';
import { productView } from './product-view';

/** One product with its bundle items; 404 when deleted or in another workspace. */
export async function getProduct(ctx: Context, id: string): Promise<TProductDetail> {
  const [row] = await ctx.db.select().from(products).where(and(productWhere(ctx, 'read'), eq(products.id, id)));
  if (!row) throw notFound('product');
  const items = row.isBundle
    ? await ctx.db.select({ productId: productBundleItems.productId, quantity: productBundleItems.quantity, optional: productBundleItems.optional, sku: products.sku, name: products.name })
      .from(productBundleItems)
      .innerJoin(products, and(eq(products.workspaceId, productBundleItems.workspaceId), eq(products.id, productBundleItems.productId)))
      .where(and(eq(productBundleItems.workspaceId, ctx.workspaceId), eq(productBundleItems.bundleId, id)))
      .orderBy(asc(productBundleItems.position))
    : [];
  return { ...productView(row), items: items.map((i) => ({ ...i, quantity: Number(i.quantity) })) };
}
