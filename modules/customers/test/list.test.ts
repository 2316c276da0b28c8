import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from './helpers';

let w: World;
const get = (url: string) => w.t.app.inject({ method: 'GET', url, headers: w.admin.headers });

beforeAll(async () => {
  w = await createWorld();
  const field = await w.t.app.inject({ method: 'POST', url: '/api/v1/custom-fields', headers: w.admin.headers, payload: { object: 'account', key: 'budget', label: 'Budget', type: 'number' } });
  expect(field.statusCode).toBe(201);
  await w.t.app.inject({ method: 'POST', url: '/api/v1/custom-fields', headers: w.admin.headers, payload: { object: 'account', key: 'tier', label: 'Tier', type: 'single_select', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] } });
  // 120 accounts in batches; several share a region and an update time so ties must break by id.
  for (let batch = 0; batch < 3; batch++) {
    const create = Array.from({ length: 40 }, (_, i) => {
      const n = batch * 40 + i;
      return { name: n % 10 === 0 ? `张${n}` : `Company ${String(n).padStart(3, '0')}`, region: ['north', 'south', 'east'][n % 3], tags: n % 4 === 0 ? ['vip'] : [], custom: { budget: n * 100, tier: n % 2 ? 'a' : 'b' } };
    });
    const res = await w.t.app.inject({ method: 'POST', url: '/api/v1/accounts/batch', headers: w.admin.headers, payload: { create } });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(() => w.t.close());

async function collect(query: string, limit: number): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res = await get(`/api/v1/accounts?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { data: Array<Record<string, unknown>>; nextCursor: string | null };
    expect(body.data.length).toBeLessThanOrEqual(limit);
    rows.push(...body.data);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return rows;
}

describe('list conventions', () => {
  it('pages through 120 rows with a cursor, returning every row exactly once, in order', async () => {
    for (const sort of ['-updatedAt', 'region,-name', 'custom.budget', '-custom.tier,name']) {
      const rows = await collect(`sort=${sort}`, 7);
      const ids = rows.map((r) => r.id);
      expect(ids.length, sort).toBe(120);
      expect(new Set(ids).size, sort).toBe(120);
    }
    const byBudget = await collect('sort=-custom.budget', 50);
    const budgets = byBudget.map((r) => (r.custom as { budget: number }).budget);
    expect(budgets).toEqual([...budgets].sort((a, b) => b - a));
    const byRegion = await collect('sort=region,name', 11);
    const keys = byRegion.map((r) => `${r.region}|${r.name}`);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('defaults to 50 rows and caps the limit at 200', async () => {
    const res = (await get('/api/v1/accounts')).json();
    expect(res.data).toHaveLength(50);
    expect(res.nextCursor).toEqual(expect.any(String));
    expect((await get('/api/v1/accounts?limit=201')).statusCode).toBe(400);
    expect((await get('/api/v1/accounts?limit=0')).statusCode).toBe(400);
  });

  it('filters on built-in and custom fields with typed operators', async () => {
    const zhang = (await get(`/api/v1/accounts?filter[name][contains]=${encodeURIComponent('张')}&limit=200`)).json();
    expect(zhang.data).toHaveLength(12);
    const rich = await collect('filter[custom.budget][gt]=10000', 200);
    expect(rich).toHaveLength(19);
    expect(rich.every((r) => (r.custom as { budget: number }).budget > 10000)).toBe(true);
    const between = (await get('/api/v1/accounts?filter[custom.budget][between]=1000,2000&limit=200')).json();
    expect(between.data).toHaveLength(11);
    const tierA = (await get('/api/v1/accounts?filter[custom.tier][eq]=a&filter[region][in]=north,south&limit=200')).json();
    expect(tierA.data.length).toBe(40);
    expect(tierA.data.every((r: { custom: { tier: string }; region: string }) => r.custom.tier === 'a' && r.region !== 'east')).toBe(true);
    const vip = (await get('/api/v1/accounts?filter[tags][contains]=vip&limit=200')).json();
    expect(vip.data).toHaveLength(30);
    const noWebsite = (await get('/api/v1/accounts?filter[website][is_empty]=true&limit=1')).json();
    expect(noWebsite.data).toHaveLength(1);
    const starts = (await get('/api/v1/accounts?filter[name][starts_with]=Company%2001&limit=200')).json();
    expect(starts.data).toHaveLength(9);
  });

  it('returns sparse fieldsets', async () => {
    const res = (await get('/api/v1/accounts?fields=id,name,custom.budget&limit=2')).json();
    expect(Object.keys(res.data[0]).sort()).toEqual(['custom', 'id', 'name']);
    expect(Object.keys(res.data[0].custom)).toEqual(['budget']);
  });

  it('rejects unknown fields, operators, parameters and bad cursors with 400 naming them', async () => {
    const unknownField = await get('/api/v1/accounts?filter[colour][eq]=red');
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.details.fields[0]).toMatchObject({ field: 'filter[colour][eq]', code: 'unknown' });
    const unknownCustom = await get('/api/v1/accounts?filter[custom.nothing][eq]=1');
    expect(unknownCustom.json().error.details.fields[0].field).toBe('filter[custom.nothing][eq]');
    const badOp = await get('/api/v1/accounts?filter[name][explode]=x');
    expect(badOp.json().error.details.fields[0]).toMatchObject({ field: 'filter[name][explode]', code: 'unknown_operator' });
    const badValue = await get('/api/v1/accounts?filter[custom.budget][gt]=lots');
    expect(badValue.json().error.details.fields[0]).toMatchObject({ field: 'filter[custom.budget][gt]', code: 'invalid' });
    const badSort = await get('/api/v1/accounts?sort=-colour');
    expect(badSort.json().error.details.fields[0]).toMatchObject({ field: 'sort', code: 'unknown' });
    expect(badSort.json().error.details.fields[0].message).toContain('colour');
    const badParam = await get('/api/v1/accounts?colour=red');
    expect(badParam.json().error.details.fields[0]).toMatchObject({ field: 'query.colour', code: 'unknown' });
    const badCursor = await get('/api/v1/accounts?cursor=bm90LWEtY3Vyc29y');
    expect(badCursor.json().error.details.fields[0]).toMatchObject({ field: 'cursor', code: 'invalid_cursor' });
    const first = (await get('/api/v1/accounts?sort=name&limit=5')).json();
    const mismatched = await get(`/api/v1/accounts?sort=-name&cursor=${first.nextCursor}`);
    expect(mismatched.statusCode).toBe(400);
    const badFields = await get('/api/v1/accounts?fields=id,secret');
    expect(badFields.json().error.details.fields[0]).toMatchObject({ field: 'fields', code: 'unknown' });
  });
});
