import { z } from 'zod';

/** ISO 4217 codes the runtime knows; anything else is a 400 naming the field. */
const KNOWN_CURRENCIES = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : ['CNY', 'USD', 'EUR', 'HKD', 'TWD', 'JPY', 'GBP', 'SGD']);
export const ZCurrency = z.string().regex(/^[A-Z]{3}$/).refine((c) => KNOWN_CURRENCIES.has(c), { message: 'unknown currency' });

/** A percentage 0–100 with at most two decimals (discounts, taxes). */
export const ZPercent = z.number().min(0).max(100).multipleOf(0.01);
/** A quantity above zero with at most four decimals. */
export const ZQuantity = z.number().gt(0).max(1_000_000_000).multipleOf(0.0001);
const ZMinor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const CUSTOMER_TIERS = ['A', 'B', 'C'] as const;

// ---------------------------------------------------------------- products

export const ZBundleItem = z.object({
  productId: z.uuid(),
  quantity: ZQuantity,
  optional: z.boolean(),
});
export type TBundleItem = z.infer<typeof ZBundleItem>;

export const ZProduct = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  unit: z.string(),
  description: z.string().nullable(),
  productLine: z.string().nullable(),
  isBundle: z.boolean(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TProduct = z.infer<typeof ZProduct>;

/** One product with its bundle items (names included, for the editor). */
export const ZProductDetail = ZProduct.extend({
  items: z.array(ZBundleItem.extend({ sku: z.string(), name: z.string() })),
});
export type TProductDetail = z.infer<typeof ZProductDetail>;

export const ZProductListResponse = z.object({ data: z.array(ZProduct), nextCursor: z.string().nullable() });
export type TProductListResponse = z.infer<typeof ZProductListResponse>;

const productFields = {
  sku: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  unit: z.string().trim().min(1).max(20),
  description: z.string().max(5000).nullable(),
  productLine: z.string().trim().max(100).nullable(),
  isBundle: z.boolean(),
  active: z.boolean(),
  items: z.array(ZBundleItem).max(100),
};

export const ZCreateProductRequest = z.object({
  ...productFields,
  unit: productFields.unit.optional(),
  description: productFields.description.optional(),
  productLine: productFields.productLine.optional(),
  isBundle: productFields.isBundle.optional(),
  active: productFields.active.optional(),
  items: productFields.items.optional(),
}).strict();
export type TCreateProductRequest = z.infer<typeof ZCreateProductRequest>;

export const ZUpdateProductRequest = z.object({ version: z.number().int(), ...productFields }).partial().required({ version: true }).strict();
export type TUpdateProductRequest = z.infer<typeof ZUpdateProductRequest>;

// ---------------------------------------------------------------- price books

export const ZPriceBook = z.object({
  id: z.string(),
  name: z.string(),
  currency: z.string(),
  customerLevel: z.enum(CUSTOMER_TIERS).nullable(),
  isDefault: z.boolean(),
  active: z.boolean(),
  entryCount: z.number(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPriceBook = z.infer<typeof ZPriceBook>;
export const ZPriceBookListResponse = z.object({ data: z.array(ZPriceBook) });
export const ZPriceBookListQuery = z.object({ currency: ZCurrency.optional(), lang: z.string().max(10).optional() }).strict();

export const ZPriceBookEntryInput = z.object({
  productId: z.uuid(),
  listPriceMinor: ZMinor,
  maxDiscountPct: ZPercent,
  active: z.boolean().optional(),
});
export type TPriceBookEntryInput = z.infer<typeof ZPriceBookEntryInput>;
export const ZPriceBookEntry = ZPriceBookEntryInput.extend({ active: z.boolean(), sku: z.string(), name: z.string(), unit: z.string() });
export type TPriceBookEntry = z.infer<typeof ZPriceBookEntry>;

export const ZPriceBookDetail = ZPriceBook.extend({ entries: z.array(ZPriceBookEntry) });
export type TPriceBookDetail = z.infer<typeof ZPriceBookDetail>;

const priceBookFields = {
  name: z.string().trim().min(1).max(200),
  currency: ZCurrency,
  customerLevel: z.enum(CUSTOMER_TIERS).nullable(),
  isDefault: z.boolean(),
  active: z.boolean(),
};
export const ZCreatePriceBookRequest = z.object({
  ...priceBookFields,
  customerLevel: priceBookFields.customerLevel.optional(),
  isDefault: priceBookFields.isDefault.optional(),
  active: priceBookFields.active.optional(),
}).strict();
export type TCreatePriceBookRequest = z.infer<typeof ZCreatePriceBookRequest>;
export const ZUpdatePriceBookRequest = z.object({ version: z.number().int(), ...priceBookFields }).partial().required({ version: true }).strict();
export type TUpdatePriceBookRequest = z.infer<typeof ZUpdatePriceBookRequest>;

/** Replaces every entry of the book with these (the grid saves the whole set at once). */
export const ZSetPriceBookEntriesRequest = z.object({ entries: z.array(ZPriceBookEntryInput).max(5000) }).strict();
export type TSetPriceBookEntriesRequest = z.infer<typeof ZSetPriceBookEntriesRequest>;

// ---------------------------------------------------------------- deal lines

export const ZDealLineInput = z.object({
  productId: z.uuid().nullable().optional(),
  /** Defaults to the default price book of the deal's currency. */
  priceBookId: z.uuid().nullable().optional(),
  description: z.string().max(2000).nullable().optional(),
  quantity: ZQuantity,
  /** Defaults to the list price of the product in the price book. */
  unitPriceMinor: ZMinor.optional(),
  discountPct: ZPercent.optional(),
  taxPct: ZPercent.optional(),
});
export type TDealLineInput = z.infer<typeof ZDealLineInput>;

export const ZDealLine = z.object({
  id: z.string(),
  productId: z.string().nullable(),
  productName: z.string().nullable(),
  sku: z.string().nullable(),
  priceBookId: z.string().nullable(),
  description: z.string().nullable(),
  quantity: z.number(),
  listPriceMinor: z.number().nullable(),
  unitPriceMinor: z.number(),
  discountPct: z.number(),
  taxPct: z.number(),
  netMinor: z.number(),
  taxMinor: z.number(),
  totalMinor: z.number(),
  maxDiscountPct: z.number().nullable(),
  /** The discount is above the price book's maximum: the quote will need an approval. */
  needsApproval: z.boolean(),
  position: z.number(),
});
export type TDealLine = z.infer<typeof ZDealLine>;

export const ZDealLinesResponse = z.object({
  dealId: z.string(),
  version: z.number(),
  currency: z.string(),
  hasLines: z.boolean(),
  amountMinor: z.number(),
  lines: z.array(ZDealLine),
  totals: z.object({ netMinor: z.number(), taxMinor: z.number(), totalMinor: z.number() }),
});
export type TDealLinesResponse = z.infer<typeof ZDealLinesResponse>;

export const ZSetDealLinesRequest = z.object({ version: z.number().int(), lines: z.array(ZDealLineInput).max(200) }).strict();
export type TSetDealLinesRequest = z.infer<typeof ZSetDealLinesRequest>;

/**
 * The money of one line, in integer minor units, the same on server and browser.
 * net = quantity × unit price × (1 − discount%), tax = net × tax%, total = net + tax.
 * Quantity (4 decimals) and percentages (2 decimals) are scaled to integers and multiplied
 * exactly with BigInt; net and tax are each rounded once, half to even (banker's rounding),
 * so a column of lines does not drift upward; the deal amount is the sum of line totals.
 */
export function computeLineTotals(input: { quantity: number; unitPriceMinor: number; discountPct: number; taxPct: number }): { netMinor: number; taxMinor: number; totalMinor: number } {
  const qty = BigInt(Math.round(input.quantity * 10_000));
  const keep = 10_000n - BigInt(Math.round(input.discountPct * 100));
  const net = divideHalfEven(qty * BigInt(input.unitPriceMinor) * keep, 100_000_000n);
  const tax = divideHalfEven(net * BigInt(Math.round(input.taxPct * 100)), 10_000n);
  return { netMinor: Number(net), taxMinor: Number(tax), totalMinor: Number(net + tax) };
}

/** a ÷ b for a ≥ 0, b > 0, rounded half to even. */
function divideHalfEven(a: bigint, b: bigint): bigint {
  const q = a / b;
  const twice = (a % b) * 2n;
  if (twice > b || (twice === b && q % 2n === 1n)) return q + 1n;
  return q;
}
