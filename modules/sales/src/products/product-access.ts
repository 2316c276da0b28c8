import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { AppError, assertCan, assertScope, translate, type Context, type ObjectAction } from '@voyage/kernel';
import { products } from '../db/products';
import './messages';

/**
 * The catalogue (products and price books) belongs to the workspace, not to an owner: every
 * member with the `product` right sees all of it, so data scope does not apply. The object
 * right and the API-key scope are checked the way `scopedWhere` checks them.
 */
export function assertCatalogue(ctx: Context, access: ObjectAction): void {
  assertCan(ctx.actor, 'product', access);
  assertScope(ctx.actor, `product:${access === 'read' || access === 'export' ? 'read' : 'write'}`);
}

/** The WHERE of live products of the workspace, after the right is checked. */
export function productWhere(ctx: Context, access: ObjectAction): SQL {
  assertCatalogue(ctx, access);
  return and(eq(products.workspaceId, ctx.workspaceId), isNull(products.deletedAt))!;
}

/** A 400/422 naming the field, with a translated message. */
export function fieldError(ctx: Context, code: 'validation_failed' | 'business_rule' | 'duplicate', field: string, key: string, params: Record<string, string | number> = {}): AppError {
  const message = translate(ctx.locale, key, { field, ...params });
  return new AppError(code, { message, details: { fields: [{ field, code: key.split('.').pop()!, message }] } });
}
