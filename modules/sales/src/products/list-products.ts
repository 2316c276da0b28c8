import { and, getTableColumns, or, sql } from 'drizzle-orm';
import { buildListQuery, escapeLike, type Context, type ListSpec } from '@voyage/kernel';
import type { TProductListResponse } from '@voyage/contracts';
import { products } from '../db/products';
import { productWhere } from './product-access';
import { productView } from './product-view';

const productList: ListSpec = {
  fields: {
    sku: { column: products.sku, kind: 'text' },
    name: { column: products.name, kind: 'text' },
    unit: { column: products.unit, kind: 'text' },
    productLine: { column: products.productLine, kind: 'text' },
    isBundle: { column: products.isBundle, kind: 'boolean' },
    active: { column: products.active, kind: 'boolean' },
    createdAt: { column: products.createdAt, kind: 'datetime' },
    updatedAt: { column: products.updatedAt, kind: 'datetime' },
  },
  id: products.id,
  defaultSort: 'name',
};

/** A page of the catalogue under the list conventions; `q` searches SKU and name. */
export async function listProducts(ctx: Context, query: Record<string, unknown>): Promise<TProductListResponse> {
  const where = productWhere(ctx, 'read');
  const { q, ...rest } = query;
  const plan = buildListQuery(productList, { ...rest, fields: undefined }, { defs: [], locale: ctx.locale, actor: ctx.actor, object: 'product' });
  const text = typeof q === 'string' ? q.trim() : '';
  const search = text ? or(sql`${products.sku} ilike ${`%${escapeLike(text)}%`}`, sql`${products.name} ilike ${`%${escapeLike(text)}%`}`) : undefined;
  const rows = await ctx.db.select({ ...getTableColumns(products), ...plan.cursorColumns }).from(products)
    .where(and(where, search, plan.where)).orderBy(...plan.orderBy).limit(plan.limit + 1);
  const page = plan.page(rows as Array<Record<string, unknown>>);
  return { data: page.rows.map((r) => productView(r as typeof products.$inferSelect)), nextCursor: page.nextCursor };
}
