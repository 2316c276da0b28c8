import type { TPriceBook } from '@voyage/contracts';
import type { priceBooks } from '../db/products';

export function priceBookView(row: typeof priceBooks.$inferSelect, entryCount: number): TPriceBook {
  return {
    id: row.id, name: row.name, currency: row.currency, customerLevel: (row.customerLevel as TPriceBook['customerLevel']) ?? null,
    isDefault: row.isDefault, active: row.active, entryCount, version: row.version, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}
