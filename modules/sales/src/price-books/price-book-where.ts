import { and, eq, isNull, ne, type SQL } from 'drizzle-orm';
import type { Context, ObjectAction, Queryable } from '@voyage/kernel';
import { priceBooks } from '../db/products';
import { assertCatalogue } from '../products/product-access';

/** Live price books of the workspace; they are part of the catalogue (the `product` right). */
export function priceBookWhere(ctx: Context, access: ObjectAction): SQL {
  assertCatalogue(ctx, access);
  return and(eq(priceBooks.workspaceId, ctx.workspaceId), isNull(priceBooks.deletedAt))!;
}

/** One default per currency: making a book the default clears the flag on the others. */
export async function clearOtherDefaults(tx: Queryable, workspaceId: string, currency: string, keepId: string): Promise<void> {
  await tx.update(priceBooks).set({ isDefault: false }).where(and(eq(priceBooks.workspaceId, workspaceId), eq(priceBooks.currency, currency), eq(priceBooks.isDefault, true), isNull(priceBooks.deletedAt), ne(priceBooks.id, keepId)));
}
