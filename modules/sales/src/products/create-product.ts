import { newId, writeAudit, type Context } from '@voyage/kernel';
import type { TCreateProductRequest, TProductDetail } from '@voyage/contracts';
import { products } from '../db/products';
import { getProduct } from './get-product';
import { assertCatalogue } from './product-access';
import { saveBundleItems } from './save-bundle-items';
import { assertSkuFree } from './sku-taken';

/** Adds a product (or a bundle with its items) to the catalogue. */
export async function createProduct(ctx: Context, input: TCreateProductRequest): Promise<TProductDetail> {
  assertCatalogue(ctx, 'create');
  const id = newId();
  await ctx.database.db.transaction(async (tx) => {
    await assertSkuFree(ctx, tx, input.sku);
    const [row] = await tx.insert(products).values({
      workspaceId: ctx.workspaceId, id, sku: input.sku, name: input.name, unit: input.unit ?? '件', description: input.description ?? null,
      productLine: input.productLine ?? null, isBundle: input.isBundle ?? false, active: input.active ?? true,
      createdBy: ctx.actor.userId, updatedBy: ctx.actor.userId,
    }).returning();
    await saveBundleItems(ctx, tx, id, row.isBundle, input.items ?? []);
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'create', object: 'product', recordId: id, summary: `${row.sku} ${row.name}`, newValues: input, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
  });
  return getProduct(ctx, id);
}
