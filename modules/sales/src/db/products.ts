import { sql } from 'drizzle-orm';
import { bigint, boolean, foreignKey, index, integer, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, schema, workspaceIdColumn } from '@voyage/kernel';
import { deals } from './pipelines';

/** A product or service sold (S4). A bundle is a product made of other products. */
export const products = pgTable('products', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  sku: text('sku').notNull(),
  name: text('name').notNull(),
  /** 件, 套, 年, seat, hour… */
  unit: text('unit').notNull().default('件'),
  description: text('description'),
  /** Product line, for the forecast and performance by line. */
  productLine: text('product_line'),
  isBundle: boolean('is_bundle').notNull().default(false),
  active: boolean('active').notNull().default(true),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  uniqueIndex('products_sku_idx').on(t.workspaceId, t.sku).where(sql`deleted_at is null`),
  index('products_name_idx').on(t.workspaceId, t.name),
]);

/** What a bundle contains, with quantities. */
export const productBundleItems = pgTable('product_bundle_items', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  bundleId: uuid('bundle_id').notNull(),
  productId: uuid('product_id').notNull(),
  quantity: numeric('quantity', { precision: 18, scale: 4 }).notNull().default('1'),
  /** An option the seller may leave out of the bundle. */
  optional: boolean('optional').notNull().default(false),
  position: integer('position').notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.bundleId, t.productId] }),
  foreignKey({ columns: [t.workspaceId, t.bundleId], foreignColumns: [products.workspaceId, products.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.workspaceId, t.productId], foreignColumns: [products.workspaceId, products.id] }).onDelete('restrict'),
]);

/**
 * A price book: list prices in one currency, optionally for one customer tier (the
 * customers module's customer level A/B/C). `maxDiscountPct` per entry is the discount a rep
 * may give before an approval is needed (approvals come with quotes).
 */
export const priceBooks = pgTable('price_books', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  currency: text('currency').notNull(),
  customerLevel: text('customer_level'),
  isDefault: boolean('is_default').notNull().default(false),
  active: boolean('active').notNull().default(true),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  uniqueIndex('price_books_default_idx').on(t.workspaceId, t.currency).where(sql`is_default and deleted_at is null`),
]);

export const priceBookEntries = pgTable('price_book_entries', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  priceBookId: uuid('price_book_id').notNull(),
  productId: uuid('product_id').notNull(),
  listPriceMinor: bigint('list_price_minor', { mode: 'number' }).notNull(),
  maxDiscountPct: numeric('max_discount_pct', { precision: 5, scale: 2 }).notNull().default('0'),
  active: boolean('active').notNull().default(true),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.priceBookId, t.productId] }),
  foreignKey({ columns: [t.workspaceId, t.priceBookId], foreignColumns: [priceBooks.workspaceId, priceBooks.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.workspaceId, t.productId], foreignColumns: [products.workspaceId, products.id] }).onDelete('restrict'),
  index('price_book_entries_product_idx').on(t.workspaceId, t.productId),
]);

/**
 * A deal's product line: quantity × unit price, less a discount, plus tax, in the deal's
 * currency. Totals are computed by the application in minor units and stored, so lists and
 * the forecast sum them without re-deriving; quotes will copy these lines.
 */
export const dealLines = pgTable('deal_lines', {
  workspaceId: workspaceIdColumn().references(() => schema.workspaces.id, { onDelete: 'cascade' }),
  id: uuid('id').notNull(),
  dealId: uuid('deal_id').notNull(),
  productId: uuid('product_id'),
  priceBookId: uuid('price_book_id'),
  description: text('description'),
  quantity: numeric('quantity', { precision: 18, scale: 4 }).notNull().default('1'),
  listPriceMinor: bigint('list_price_minor', { mode: 'number' }),
  unitPriceMinor: bigint('unit_price_minor', { mode: 'number' }).notNull(),
  discountPct: numeric('discount_pct', { precision: 5, scale: 2 }).notNull().default('0'),
  taxPct: numeric('tax_pct', { precision: 5, scale: 2 }).notNull().default('0'),
  /** quantity × unit price × (1 − discount), rounded to the minor unit. */
  netMinor: bigint('net_minor', { mode: 'number' }).notNull(),
  taxMinor: bigint('tax_minor', { mode: 'number' }).notNull(),
  totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
  position: integer('position').notNull().default(0),
  ...recordColumns(),
}, (t) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  foreignKey({ columns: [t.workspaceId, t.dealId], foreignColumns: [deals.workspaceId, deals.id] }).onDelete('cascade'),
  index('deal_lines_deal_idx').on(t.workspaceId, t.dealId, t.position),
  index('deal_lines_product_idx').on(t.workspaceId, t.productId),
]);
