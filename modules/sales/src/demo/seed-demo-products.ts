import { and, eq, isNull } from 'drizzle-orm';
import { newId, type Database } from '@voyage/kernel';
import { priceBookEntries, priceBooks, productBundleItems, products } from '../db/products';

/** The demo catalogue: list prices in CNY and USD minor units, with the discount a rep may give alone. */
const DEMO_PRODUCTS = [
  { sku: 'CRM-PRO', name: 'Voyage CRM 专业版', unit: '用户/年', productLine: '软件订阅', description: '全部销售与客户功能，按用户按年订阅', cny: 1_980_00, usd: 299_00, maxDiscountPct: 15 },
  { sku: 'CRM-STD', name: 'Voyage CRM 标准版', unit: '用户/年', productLine: '软件订阅', description: '客户、联系人与跟进', cny: 980_00, usd: 149_00, maxDiscountPct: 20 },
  { sku: 'SVC-IMPL', name: '实施服务', unit: '人天', productLine: '专业服务', description: '顾问上门实施与配置', cny: 3_000_00, usd: 450_00, maxDiscountPct: 10 },
  { sku: 'SVC-TRAIN', name: '培训', unit: '场', productLine: '专业服务', description: '半天的管理员与销售培训', cny: 5_000_00, usd: 750_00, maxDiscountPct: 10 },
  { sku: 'SVC-MIGRATE', name: '数据迁移', unit: '次', productLine: '专业服务', description: '从表格或旧系统迁移客户数据', cny: 8_000_00, usd: 1_200_00, maxDiscountPct: 5 },
] as const;
const DEMO_BUNDLE = { sku: 'BDL-START', name: '入门套装', unit: '套', productLine: '套装', description: '标准版 5 用户、一场培训，可选数据迁移', cny: 9_900_00, usd: 1_490_00, maxDiscountPct: 10 };

/** Products, a bundle and two price books (CNY default, USD) for the demo workspace; runs once. */
export async function seedDemoProducts(ctx: { database: Database; workspaceId: string; adminUserId: string }): Promise<void> {
  const { workspaceId, adminUserId } = ctx;
  await ctx.database.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: products.id }).from(products).where(and(eq(products.workspaceId, workspaceId), eq(products.sku, DEMO_BUNDLE.sku)));
    if (existing) return;
    const stamp = { createdBy: adminUserId, updatedBy: adminUserId };
    const rows = [...DEMO_PRODUCTS, DEMO_BUNDLE].map((p) => ({ ...p, id: newId() }));
    await tx.insert(products).values(rows.map((p) => ({
      workspaceId, id: p.id, sku: p.sku, name: p.name, unit: p.unit, productLine: p.productLine, description: p.description, isBundle: p.sku === DEMO_BUNDLE.sku, ...stamp,
    })));
    const idOf = (sku: string) => rows.find((p) => p.sku === sku)!.id;
    const bundleId = idOf(DEMO_BUNDLE.sku);
    await tx.insert(productBundleItems).values([
      { workspaceId, bundleId, productId: idOf('CRM-STD'), quantity: '5', optional: false, position: 0 },
      { workspaceId, bundleId, productId: idOf('SVC-TRAIN'), quantity: '1', optional: false, position: 1 },
      { workspaceId, bundleId, productId: idOf('SVC-MIGRATE'), quantity: '1', optional: true, position: 2 },
    ]);
    const cny = newId();
    const usd = newId();
    // The demo books become the defaults unless the workspace already has its own.
    const defaults = new Set((await tx.select({ currency: priceBooks.currency }).from(priceBooks)
      .where(and(eq(priceBooks.workspaceId, workspaceId), eq(priceBooks.isDefault, true), isNull(priceBooks.deletedAt)))).map((b) => b.currency));
    await tx.insert(priceBooks).values([
      { workspaceId, id: cny, name: '标准价目表', currency: 'CNY', isDefault: !defaults.has('CNY'), ...stamp },
      { workspaceId, id: usd, name: 'Standard (USD)', currency: 'USD', isDefault: !defaults.has('USD'), ...stamp },
    ]);
    await tx.insert(priceBookEntries).values(rows.flatMap((p) => [
      { workspaceId, priceBookId: cny, productId: p.id, listPriceMinor: p.cny, maxDiscountPct: String(p.maxDiscountPct) },
      { workspaceId, priceBookId: usd, productId: p.id, listPriceMinor: p.usd, maxDiscountPct: String(p.maxDiscountPct) },
    ]));
  });
}
