import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Context, Queryable } from '@voyage/kernel';
import { products } from '../db/products';
import { fieldError } from './product-access';

/** Refuses a SKU another live product of the workspace already has: 409 naming `sku`. */
export async function assertSkuFree(ctx: Context, tx: Queryable, sku: string, exceptId?: string): Promise<void> {
  const [taken] = await tx.select({ id: products.id }).from(products)
    .where(and(eq(products.workspaceId, ctx.workspaceId), eq(products.sku, sku), isNull(products.deletedAt), exceptId ? ne(products.id, exceptId) : undefined));
  if (taken) throw fieldError(ctx, 'duplicate', 'sku', 'sales.sku_exists', { sku });
}
