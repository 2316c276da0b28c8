import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type SignedIn } from '@voyage/testing';
import { createWorld, type World } from './helpers';

let w: World;
let repA: SignedIn;
let repB: SignedIn;
const ids: Record<string, string> = {};

const inject = (who: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: { ...who.headers, 'accept-language': 'en' }, payload: payload as never });

async function create(plural: 'contacts' | 'accounts', key: string, body: Record<string, unknown>): Promise<string> {
  const res = await inject(w.admin, 'POST', `/api/v1/${plural}`, body);
  expect(res.statusCode).toBe(201);
  ids[key] = res.json().id;
  return ids[key];
}

/** Values the API refuses today but older data, bulk loads or a region change leave behind. */
const rawUpdate = (table: 'contacts' | 'accounts', id: string, set: string) =>
  w.t.database.query(`update ${table} set ${set} where workspace_id = $1 and id = $2`, [w.workspaceId, id]);

const report = async (who: SignedIn, object: 'contact' | 'account') => {
  const res = await inject(who, 'GET', `/api/v1/customers/data-quality?object=${object}`);
  expect(res.statusCode).toBe(200);
  return res.json() as {
    checks: Array<{ key: string; label: string | null; validates: boolean; informational: boolean; missingFilter: Record<string, string> | null }>;
    owners: Array<{ ownerId: string | null; ownerName: string | null; records: number; completeness: number | null; counts: Record<string, { missing: number; invalid: number }> }>;
    total: { records: number; completeness: number | null; counts: Record<string, { missing: number; invalid: number }> };
  };
};
const names = async (who: SignedIn, query: string) => {
  const res = await inject(who, 'GET', `/api/v1/customers/data-quality/records?${query}`);
  expect(res.statusCode).toBe(200);
  return (res.json().data as Array<{ name: string }>).map((r) => r.name).sort();
};

beforeAll(async () => {
  w = await createWorld();
  repA = await w.member('rep', 'Rep Anna');
  repB = await w.member('rep', 'Rep Bo');
  // Accounts: one complete, one with gaps and bad values, one in the pool.
  await create('accounts', 'ac1', { name: '远航科技有限公司', industry: 'SaaS', region: '华东', phone: '021-12345678', website: 'https://www.voyage.cn', lifecycleStage: 'customer', ownerId: repA.userId });
  await create('accounts', 'ac2', { name: 'Gaps Ltd', website: 'not a url', phone: '021-87654321', ownerId: repA.userId });
  await rawUpdate('accounts', ids.ac2, `phone = 'call reception', phone_e164 = null`);
  await create('accounts', 'ac3', { name: 'Pool Co', website: 'www.example.cn', ownerId: null });

  // Contacts of Anna: complete, empty, invalid; of Bo: B2C without follow-up; one in the pool; one deleted.
  await create('contacts', 'a1', { name: 'A1 完整', email: 'a1@example.com', mobile: '13800138001', accountId: ids.ac1, lifecycleStage: 'lead', ownerId: repA.userId });
  expect((await inject(w.admin, 'POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: ids.a1, type: 'call', content: '电话沟通' })).statusCode).toBe(201);
  await create('contacts', 'a2', { name: 'A2 Empty', ownerId: repA.userId });
  await create('contacts', 'a3', { name: 'A3 Invalid', email: 'a3@example.com', mobile: '13800138003', lifecycleStage: 'customer', ownerId: repA.userId });
  await rawUpdate('contacts', ids.a3, `email = 'not-an-email', mobile = '12345', mobile_e164 = null`);
  await create('contacts', 'b1', { name: 'B1 Consumer', email: 'b1@example.com', phone: '021-12345678', lifecycleStage: 'lead', ownerId: repB.userId });
  await create('contacts', 'p1', { name: 'P1 Pool', ownerId: null });
  await create('contacts', 'd1', { name: 'D1 Deleted', ownerId: repA.userId });
  expect((await inject(w.admin, 'DELETE', `/api/v1/contacts/${ids.d1}`)).statusCode).toBe(204);

  // A field made required after records exist: only A1 gets a value.
  const field = await inject(w.admin, 'POST', '/api/v1/custom-fields', { object: 'contact', key: 'budget_code', label: 'Budget code', labels: { en: 'Budget code', 'zh-CN': '预算编号' }, type: 'text', required: true });
  expect(field.statusCode).toBe(201);
  await inject(w.admin, 'POST', '/api/v1/custom-fields', { object: 'contact', key: 'nickname', label: 'Nickname', type: 'text' });
  const a1 = (await inject(w.admin, 'GET', `/api/v1/contacts/${ids.a1}`)).json();
  expect((await inject(w.admin, 'PATCH', `/api/v1/contacts/${ids.a1}`, { version: a1.version, custom: { budget_code: 'BX-1' } })).statusCode).toBe(200);
});
afterAll(() => w.t.close());

describe('data-quality report (C5)', () => {
  it('counts missing and invalid contact fields by owner, with completeness per owner and overall', async () => {
    const body = await report(w.admin, 'contact');
    expect(body.checks).toEqual([
      { key: 'email', label: null, validates: true, informational: false, missingFilter: { 'filter[email][is_empty]': 'true' } },
      { key: 'phone', label: null, validates: true, informational: false, missingFilter: { 'filter[phone][is_empty]': 'true', 'filter[mobile][is_empty]': 'true' } },
      { key: 'account', label: null, validates: false, informational: true, missingFilter: { 'filter[accountId][is_empty]': 'true' } },
      { key: 'lifecycleStage', label: null, validates: false, informational: false, missingFilter: { 'filter[lifecycleStage][is_empty]': 'true' } },
      { key: 'followUp', label: null, validates: false, informational: false, missingFilter: { 'filter[followUpCount][eq]': '0', 'filter[lastFollowUpAt][is_empty]': 'true' } },
      // Required custom fields only; the optional nickname is not a gap.
      { key: 'custom.budget_code', label: 'Budget code', validates: false, informational: false, missingFilter: { 'filter[custom.budget_code][is_empty]': 'true' } },
    ]);
    expect(body.owners.map((o) => [o.ownerName, o.records])).toEqual([['Rep Anna', 3], ['Rep Bo', 1], [null, 1]]);
    const [anna, bo, pool] = body.owners;
    expect(anna.ownerId).toBe(repA.userId);
    expect(anna.counts).toEqual({
      email: { missing: 1, invalid: 1 },
      phone: { missing: 1, invalid: 1 },
      account: { missing: 2, invalid: 0 },
      lifecycleStage: { missing: 1, invalid: 0 },
      followUp: { missing: 2, invalid: 0 },
      'custom.budget_code': { missing: 2, invalid: 0 },
    });
    // 5 scored checks × 3 records = 15; 9 failures (the informational account check does not count).
    expect(anna.completeness).toBe(40);
    expect(bo.counts).toMatchObject({ email: { missing: 0, invalid: 0 }, phone: { missing: 0, invalid: 0 }, account: { missing: 1 }, followUp: { missing: 1 } });
    expect(bo.completeness).toBe(60);
    expect(pool).toMatchObject({ ownerId: null, completeness: 0 });
    // The deleted contact of Anna is in none of the numbers.
    expect(body.total.records).toBe(5);
    expect(body.total.counts.email).toEqual({ missing: 2, invalid: 1 });
    expect(body.total.counts.account).toEqual({ missing: 4, invalid: 0 });
    expect(body.total.completeness).toBe(36);
  });

  it('counts accounts: industry, region, phone not in E.164, website not a URL', async () => {
    const body = await report(w.admin, 'account');
    expect(body.checks.map((c) => [c.key, c.validates])).toEqual([['industry', false], ['region', false], ['phone', true], ['website', true], ['lifecycleStage', false]]);
    const anna = body.owners.find((o) => o.ownerId === repA.userId)!;
    expect(anna.records).toBe(2);
    expect(anna.counts).toEqual({
      industry: { missing: 1, invalid: 0 },
      region: { missing: 1, invalid: 0 },
      phone: { missing: 0, invalid: 1 },
      website: { missing: 0, invalid: 1 },
      lifecycleStage: { missing: 1, invalid: 0 },
    });
    expect(anna.completeness).toBe(50);
    // "www.example.cn" is a usable address without a scheme.
    const pool = body.owners.find((o) => o.ownerId === null)!;
    expect(pool.counts.website).toEqual({ missing: 0, invalid: 0 });
    expect(pool.completeness).toBe(20);
  });

  it('gives list filters that find exactly the records counted as missing', async () => {
    for (const object of ['contact', 'account'] as const) {
      const body = await report(w.admin, object);
      for (const owner of body.owners) {
        const ownerFilter = owner.ownerId ? `filter[ownerId][eq]=${owner.ownerId}` : 'filter[ownerId][is_empty]=true';
        for (const check of body.checks) {
          const filter = new URLSearchParams(check.missingFilter!).toString();
          const list = await inject(w.admin, 'GET', `/api/v1/${object}s?${ownerFilter}&${filter}&limit=200`);
          expect(list.statusCode).toBe(200);
          expect([object, owner.ownerName, check.key, list.json().data.length]).toEqual([object, owner.ownerName, check.key, owner.counts[check.key].missing]);
        }
      }
    }
  });

  it('drills down to exactly the records behind a cell, with the checked values', async () => {
    const invalid = await inject(w.admin, 'GET', `/api/v1/customers/data-quality/records?object=contact&check=email&problem=invalid&owner=${repA.userId}`);
    expect(invalid.statusCode).toBe(200);
    expect(invalid.json()).toEqual({ data: [{ id: ids.a3, name: 'A3 Invalid', ownerId: repA.userId, ownerName: 'Rep Anna', values: { email: 'not-an-email' } }], nextCursor: null });
    expect(await names(w.admin, 'object=contact&check=phone&problem=missing&owner=none')).toEqual(['P1 Pool']);
    expect(await names(w.admin, 'object=contact&check=custom.budget_code')).toEqual(['A2 Empty', 'A3 Invalid', 'B1 Consumer', 'P1 Pool']);
    expect(await names(w.admin, `object=contact&owner=${repA.userId}`)).toEqual(['A1 完整', 'A2 Empty', 'A3 Invalid']);
    expect(await names(w.admin, 'object=account&check=website&problem=invalid')).toEqual(['Gaps Ltd']);
    // Pages by name with a cursor.
    const first = (await inject(w.admin, 'GET', '/api/v1/customers/data-quality/records?object=contact&check=followUp&limit=2')).json();
    expect(first.data.map((r: { name: string }) => r.name)).toEqual(['A2 Empty', 'A3 Invalid']);
    const second = (await inject(w.admin, 'GET', `/api/v1/customers/data-quality/records?object=contact&check=followUp&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.data.map((r: { name: string }) => r.name)).toEqual(['B1 Consumer', 'P1 Pool']);
  });

  it('names the parameter of a drill-down it cannot answer', async () => {
    const unknown = await inject(w.admin, 'GET', '/api/v1/customers/data-quality/records?object=contact&check=shoeSize');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0].field).toBe('check');
    const noInvalid = await inject(w.admin, 'GET', '/api/v1/customers/data-quality/records?object=contact&check=account&problem=invalid');
    expect(noInvalid.statusCode).toBe(400);
    expect(noInvalid.json().error.details.fields[0].field).toBe('problem');
    expect((await inject(w.admin, 'GET', '/api/v1/customers/data-quality?object=deal')).statusCode).toBe(400);
    expect((await inject(w.admin, 'GET', '/api/v1/customers/data-quality/records?owner=someone')).statusCode).toBe(400);
  });

  it('shows a rep only the records of their data scope', async () => {
    const body = await report(repA, 'contact');
    expect(body.owners.map((o) => o.ownerId)).toEqual([repA.userId]);
    expect(body.total.records).toBe(3);
    expect(body.total.counts.email).toEqual({ missing: 1, invalid: 1 });
    expect((await report(repB, 'contact')).total.records).toBe(1);
    // Another owner's cell and the pool drill down to nothing for Anna.
    expect(await names(repA, `object=contact&owner=${repB.userId}`)).toEqual([]);
    expect(await names(repA, 'object=contact&check=email&owner=none')).toEqual([]);
    const accounts = await report(repA, 'account');
    expect(accounts.owners.map((o) => o.ownerId)).toEqual([repA.userId]);
    // A record shared with Anna is in her scope, so in her report, under its owner.
    expect((await inject(w.admin, 'POST', '/api/v1/shares', { object: 'contact', recordId: ids.b1, userId: repA.userId, access: 'read' })).statusCode).toBe(201);
    const shared = await report(repA, 'contact');
    expect(shared.owners.map((o) => [o.ownerId, o.records])).toEqual([[repA.userId, 3], [repB.userId, 1]]);
    expect(await names(repA, `object=contact&check=followUp&owner=${repB.userId}`)).toEqual(['B1 Consumer']);
  });

  it('leaves out checks on fields hidden from the user and masks masked values', async () => {
    await w.t.database.query(`update roles set field_rules = $1 where workspace_id = $2 and id = $3`, [JSON.stringify({ contact: { email: 'hidden', mobile: 'masked' } }), w.workspaceId, w.roleIds.viewer]);
    const viewer = await w.member('viewer', 'Vera Viewer');
    const body = await report(viewer, 'contact');
    expect(body.checks.map((c) => c.key)).not.toContain('email');
    // The list refuses filters on a masked field, so that cell drills down through the report only.
    expect(body.checks.find((c) => c.key === 'phone')?.missingFilter).toBeNull();
    expect(body.checks.find((c) => c.key === 'lifecycleStage')?.missingFilter).toEqual({ 'filter[lifecycleStage][is_empty]': 'true' });
    expect(body.total.records).toBe(5);
    expect((await inject(viewer, 'GET', '/api/v1/customers/data-quality/records?object=contact&check=email')).statusCode).toBe(400);
    const phones = (await inject(viewer, 'GET', `/api/v1/customers/data-quality/records?object=contact&owner=${repA.userId}&check=phone&problem=invalid`)).json();
    expect(phones.data).toEqual([expect.objectContaining({ name: 'A3 Invalid', values: { phone: null, mobile: '1***5' } })]);
  });

  it('refuses a user without the read right of the object, and an API key without its scope', async () => {
    const role = await inject(w.admin, 'POST', '/api/v1/roles', { name: 'Accounts only', dataScope: 'all', permissions: { account: { read: true }, contact: { read: false } }, capabilities: [] });
    expect(role.statusCode).toBe(201);
    const accountsOnly = await w.as(await addMember(w.t.database, w.workspaceId, role.json().id, { name: 'Ada Accounts' }));
    const refused = await inject(accountsOnly, 'GET', '/api/v1/customers/data-quality?object=contact');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    expect((await inject(accountsOnly, 'GET', '/api/v1/customers/data-quality/records?object=contact&check=email')).statusCode).toBe(403);
    expect((await report(accountsOnly, 'account')).total.records).toBe(3);

    const key = await inject(w.admin, 'POST', '/api/v1/api-keys', { name: 'Accounts reader', scopes: ['account:read'] });
    expect(key.statusCode).toBe(201);
    const bearer = { headers: { authorization: `Bearer ${key.json().key}` } };
    expect((await inject(bearer, 'GET', '/api/v1/customers/data-quality?object=contact')).statusCode).toBe(403);
    expect((await inject(bearer, 'GET', '/api/v1/customers/data-quality?object=account')).statusCode).toBe(200);
  });
});
