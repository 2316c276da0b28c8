import type { TProduct } from '@voyage/contracts';
import type { products } from '../db/products';

export function productView(row: typeof products.$inferSelect): TProduct {
  return {
    id: row.id, sku: row.sku, name: row.name, unit: row.unit, description: row.description, productLine: row.productLine,
    isBundle: row.isBundle, active: row.active, version: row.version, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}
