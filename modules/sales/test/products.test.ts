import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceWithAdmin, signIn, type SignedIn } from '@voyage/testing';
import { seedDemoProducts } from '../src/demo/seed-demo-products';
import { createWorld, type World } from './helpers';

let w: World;
let viewer: SignedIn;
const inject = (who: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
const fieldsOf = (body: string) => (JSON.parse(body) as { error: { details: { fields: Array<{ field: string }> } } }).error.details.fields.map((f) => f.field);
const create = async (payload: Record<string, unknown>) => {
  const res = await inject(w.admin, 'POST', '/api/v1/products', payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; sku: string; version: number; items: unknown[] };
};

beforeAll(async () => {
  w = await createWorld();
  viewer = await w.member('viewer', 'Viewer');
});
afterAll(() => w.t.close());

describe('products', () => {
  it('creates, reads, changes and lists products with search, filters and a cursor', async () => {
    const crm = await create({ sku: 'CRM-PRO', name: 'CRM 专业版', unit: '年', productLine: 'Software', description: 'Per seat' });
    await create({ sku: 'CRM-STD', name: 'CRM 标准版', unit: '年', productLine: 'Software' });
    await create({ sku: 'SVC-IMPL', name: 'Implementation', unit: 'hour', productLine: 'Services' });
    await create({ sku: 'OLD-1', name: 'Legacy box', active: false });

    const got = await inject(w.admin, 'GET', `/api/v1/products/${crm.id}`);
    expect(got.json()).toMatchObject({ sku: 'CRM-PRO', name: 'CRM 专业版', unit: '年', productLine: 'Software', description: 'Per seat', isBundle: false, active: true, items: [] });

    const search = await inject(w.admin, 'GET', '/api/v1/products?q=crm');
    expect(search.json().data.map((p: { sku: string }) => p.sku)).toEqual(['CRM-PRO', 'CRM-STD']);
    const services = await inject(w.admin, 'GET', '/api/v1/products?filter[productLine]=Services');
    expect(services.json().data.map((p: { sku: string }) => p.sku)).toEqual(['SVC-IMPL']);
    const inactive = await inject(w.admin, 'GET', '/api/v1/products?filter[active]=false');
    expect(inactive.json().data.map((p: { sku: string }) => p.sku)).toEqual(['OLD-1']);

    const first = (await inject(w.admin, 'GET', '/api/v1/products?sort=sku&limit=2')).json();
    expect(first.data.map((p: { sku: string }) => p.sku)).toEqual(['CRM-PRO', 'CRM-STD']);
    const second = (await inject(w.admin, 'GET', `/api/v1/products?sort=sku&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.data.map((p: { sku: string }) => p.sku)).toEqual(['OLD-1', 'SVC-IMPL']);
    expect(second.nextCursor).toBeNull();

    const changed = await inject(w.admin, 'PATCH', `/api/v1/products/${crm.id}`, { version: crm.version, name: 'CRM Pro', unit: 'seat' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'CRM Pro', unit: 'seat', version: crm.version + 1 });
    const stale = await inject(w.admin, 'PATCH', `/api/v1/products/${crm.id}`, { version: crm.version, name: 'Again' });
    expect(stale.statusCode).toBe(409);
  });

  it('keeps SKUs unique per workspace (409 naming sku), and names bad fields (400)', async () => {
    await create({ sku: 'DUP-1', name: 'First' });
    const dup = await inject(w.admin, 'POST', '/api/v1/products', { sku: 'DUP-1', name: 'Second' });
    expect(dup.statusCode).toBe(409);
    expect(fieldsOf(dup.body)).toEqual(['sku']);
    expect(dup.json().error.message).toContain('DUP-1');
    const other = await create({ sku: 'DUP-2', name: 'Other' });
    const rename = await inject(w.admin, 'PATCH', `/api/v1/products/${other.id}`, { version: other.version, sku: 'DUP-1' });
    expect(rename.statusCode).toBe(409);

    const bad = await inject(w.admin, 'POST', '/api/v1/products', { sku: '', name: 'No SKU' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body)).toContain('sku');
    const zh = await inject(w.admin, 'POST', '/api/v1/products?lang=zh-CN', { sku: 'DUP-1', name: 'x' });
    expect(zh.json().error.message).toBe('已存在 SKU 为“DUP-1”的产品。');
  });

  it('builds bundles of plain products, refusing itself or another bundle (422)', async () => {
    const a = await create({ sku: 'B-A', name: 'Part A' });
    const b = await create({ sku: 'B-B', name: 'Part B' });
    const bundle = await create({ sku: 'B-SUITE', name: 'Suite', isBundle: true, items: [{ productId: a.id, quantity: 2, optional: false }, { productId: b.id, quantity: 1.5, optional: true }] });
    const read = (await inject(w.admin, 'GET', `/api/v1/products/${bundle.id}`)).json();
    expect(read.items).toEqual([
      { productId: a.id, sku: 'B-A', name: 'Part A', quantity: 2, optional: false },
      { productId: b.id, sku: 'B-B', name: 'Part B', quantity: 1.5, optional: true },
    ]);

    const self = await inject(w.admin, 'PATCH', `/api/v1/products/${bundle.id}`, { version: bundle.version, items: [{ productId: bundle.id, quantity: 1, optional: false }] });
    expect(self.statusCode).toBe(422);
    expect(fieldsOf(self.body)).toEqual(['items.0.productId']);
    const nested = await inject(w.admin, 'POST', '/api/v1/products', { sku: 'B-MEGA', name: 'Mega', isBundle: true, items: [{ productId: a.id, quantity: 1, optional: false }, { productId: bundle.id, quantity: 1, optional: false }] });
    expect(nested.statusCode).toBe(422);
    expect(fieldsOf(nested.body)).toEqual(['items.1.productId']);
    expect(nested.json().error.message).toContain('B-SUITE');
    const plain = await inject(w.admin, 'POST', '/api/v1/products', { sku: 'B-X', name: 'X', items: [{ productId: a.id, quantity: 1, optional: false }] });
    expect(plain.statusCode).toBe(422);
    const negative = await inject(w.admin, 'POST', '/api/v1/products', { sku: 'B-N', name: 'N', isBundle: true, items: [{ productId: a.id, quantity: -1, optional: false }] });
    expect(negative.statusCode).toBe(400);
    expect(fieldsOf(negative.body)).toEqual(['items.0.quantity']);
    // Nothing of the refused bundles was kept.
    expect((await inject(w.admin, 'GET', '/api/v1/products?q=B-MEGA')).json().data).toEqual([]);

    const inUse = await inject(w.admin, 'DELETE', `/api/v1/products/${a.id}`);
    expect(inUse.statusCode).toBe(422);
    expect((await inject(w.admin, 'DELETE', `/api/v1/products/${bundle.id}`)).statusCode).toBe(204);
    expect((await inject(w.admin, 'DELETE', `/api/v1/products/${a.id}`)).statusCode).toBe(204);
    expect((await inject(w.admin, 'GET', `/api/v1/products/${a.id}`)).statusCode).toBe(404);
  });

  it('lets a read-only user see the catalogue but not change it', async () => {
    expect((await inject(viewer, 'GET', '/api/v1/products')).statusCode).toBe(200);
    expect((await inject(viewer, 'POST', '/api/v1/products', { sku: 'V-1', name: 'Nope' })).statusCode).toBe(403);
    expect((await inject(viewer, 'POST', '/api/v1/price-books', { name: 'Nope', currency: 'CNY' })).statusCode).toBe(403);
  });
});

describe('price books', () => {
  it('keeps one default per currency, validates the currency and sets entries in bulk', async () => {
    const p1 = await create({ sku: 'PB-1', name: 'Seat' });
    const p2 = await create({ sku: 'PB-2', name: 'Support' });
    const cny = await inject(w.admin, 'POST', '/api/v1/price-books', { name: '标准价', currency: 'CNY', isDefault: true });
    expect(cny.statusCode, cny.body).toBe(201);
    const tierA = await inject(w.admin, 'POST', '/api/v1/price-books', { name: 'A 类客户', currency: 'CNY', customerLevel: 'A', isDefault: true });
    expect(tierA.statusCode).toBe(201);
    const usd = await inject(w.admin, 'POST', '/api/v1/price-books', { name: 'USD list', currency: 'USD', isDefault: true });
    expect(usd.statusCode).toBe(201);
    const books = (await inject(w.admin, 'GET', '/api/v1/price-books')).json().data as Array<{ name: string; isDefault: boolean; customerLevel: string | null }>;
    expect(books.map((b) => [b.name, b.isDefault, b.customerLevel])).toEqual([['A 类客户', true, 'A'], ['标准价', false, null], ['USD list', true, null]]);
    expect((await inject(w.admin, 'GET', '/api/v1/price-books?currency=USD')).json().data).toHaveLength(1);

    const back = await inject(w.admin, 'PATCH', `/api/v1/price-books/${cny.json().id}`, { version: cny.json().version, isDefault: true });
    expect(back.statusCode, back.body).toBe(200);
    expect((await inject(w.admin, 'GET', `/api/v1/price-books/${tierA.json().id}`)).json().isDefault).toBe(false);

    const unknown = await inject(w.admin, 'POST', '/api/v1/price-books', { name: 'X', currency: 'XQZ' });
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(['currency']);
    const tier = await inject(w.admin, 'POST', '/api/v1/price-books', { name: 'X', currency: 'CNY', customerLevel: 'D' });
    expect(fieldsOf(tier.body)).toEqual(['customerLevel']);

    const set = await inject(w.admin, 'PUT', `/api/v1/price-books/${cny.json().id}/entries`, { entries: [
      { productId: p2.id, listPriceMinor: 50000, maxDiscountPct: 0 },
      { productId: p1.id, listPriceMinor: 120000, maxDiscountPct: 15.5 },
    ] });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().entries).toEqual([
      { productId: p1.id, sku: 'PB-1', name: 'Seat', unit: '件', listPriceMinor: 120000, maxDiscountPct: 15.5, active: true },
      { productId: p2.id, sku: 'PB-2', name: 'Support', unit: '件', listPriceMinor: 50000, maxDiscountPct: 0, active: true },
    ]);
    const replaced = await inject(w.admin, 'PUT', `/api/v1/price-books/${cny.json().id}/entries`, { entries: [{ productId: p1.id, listPriceMinor: 99900, maxDiscountPct: 10 }] });
    expect(replaced.json().entries.map((e: { listPriceMinor: number }) => e.listPriceMinor)).toEqual([99900]);
    const badEntry = await inject(w.admin, 'PUT', `/api/v1/price-books/${cny.json().id}/entries`, { entries: [{ productId: p1.id, listPriceMinor: -5, maxDiscountPct: 120 }] });
    expect(badEntry.statusCode).toBe(400);
    expect(fieldsOf(badEntry.body).sort()).toEqual(['entries.0.listPriceMinor', 'entries.0.maxDiscountPct']);
    expect((await inject(viewer, 'PUT', `/api/v1/price-books/${cny.json().id}/entries`, { entries: [] })).statusCode).toBe(403);
  });
});

describe('demo catalogue', () => {
  it('seeds products, a bundle and CNY and USD price books once', async () => {
    const objects = w.t.services.registry.all().flatMap((m) => (m.objects ?? []).map((o) => o.key));
    const demo = await createWorkspaceWithAdmin(w.t.database, { objects });
    const admin = await signIn(w.t, demo.adminUserId, demo.workspaceId);
    const seed = () => seedDemoProducts({ database: w.t.database, workspaceId: demo.workspaceId, adminUserId: demo.adminUserId });
    await seed();
    await seed();
    const all = (await inject(admin, 'GET', '/api/v1/products?sort=sku')).json().data as Array<{ id: string; sku: string; isBundle: boolean }>;
    expect(all.map((p) => p.sku)).toEqual(['BDL-START', 'CRM-PRO', 'CRM-STD', 'SVC-IMPL', 'SVC-MIGRATE', 'SVC-TRAIN']);
    const detail = (await inject(admin, 'GET', `/api/v1/products/${all[0].id}`)).json();
    expect(detail.items.map((i: { sku: string; quantity: number; optional: boolean }) => [i.sku, i.quantity, i.optional])).toEqual([['CRM-STD', 5, false], ['SVC-TRAIN', 1, false], ['SVC-MIGRATE', 1, true]]);
    const books = (await inject(admin, 'GET', '/api/v1/price-books')).json().data as Array<{ currency: string; isDefault: boolean; entryCount: number }>;
    expect(books.map((b) => [b.currency, b.isDefault, b.entryCount])).toEqual([['CNY', true, 6], ['USD', true, 6]]);
  });
});
