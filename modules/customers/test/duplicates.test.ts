import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from './helpers';

let w: World;
type Who = { headers: Record<string, string> };
interface Match { id: string | null; title: string; accessible: boolean; reasons: string[]; score: number; ownerName: string | null }

const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
const create = async (who: Who, plural: 'contacts' | 'accounts', body: Record<string, unknown>) => {
  const res = await inject(who, 'POST', `/api/v1/${plural}`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number } & Record<string, unknown>;
};
async function check(who: Who, plural: 'contacts' | 'accounts', body: Record<string, unknown>): Promise<Match[]> {
  const res = await inject(who, 'POST', `/api/v1/${plural}/duplicates/check`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().matches;
}
const stored = async (table: 'contacts' | 'accounts', id: string) =>
  (await w.t.database.query<Record<string, string | null>>(`select * from ${table} where workspace_id = $1 and id = $2`, [w.workspaceId, id]))[0];

let yuanhang: { id: string };
let xiaoming: { id: string };
let jonathan: { id: string };
beforeAll(async () => {
  w = await createWorld();
  yuanhang = await create(w.admin, 'accounts', { name: '上海远航科技有限公司', phone: '021-5046 1234' });
  const acme = await create(w.admin, 'accounts', { name: 'Acme Co., Ltd.' });
  xiaoming = await create(w.admin, 'contacts', { name: '王小明', email: 'Xiaoming.Wang@Yuanhang.CN', mobile: '+86 138 0013 8000', accountId: yuanhang.id });
  jonathan = await create(w.admin, 'contacts', { name: 'Jonathan Smith', accountId: acme.id });
}, 60_000);
afterAll(() => w.t.close());

describe('normalisation on write', () => {
  it('stores emails in lower case and phones also in E.164, keeping the phone as typed', async () => {
    const got = (await inject(w.admin, 'GET', `/api/v1/contacts/${xiaoming.id}`)).json();
    expect(got).toMatchObject({ email: 'xiaoming.wang@yuanhang.cn', mobile: '+86 138 0013 8000' });
    // The derived columns stay on the server: an E.164 copy would bypass a phone mask.
    expect(got).not.toHaveProperty('mobileE164');
    expect(got).not.toHaveProperty('searchGrams');
    expect(await stored('contacts', xiaoming.id)).toMatchObject({ mobile_e164: '+8613800138000', phone_e164: null });
    expect(await stored('accounts', yuanhang.id)).toMatchObject({ name_key: '上海远航科技', phone_e164: '+862150461234' });
  });

  it('normalizes on update and in a batch, and clears the E.164 copy with the phone', async () => {
    const c = await create(w.admin, 'contacts', { name: 'Lee Chan', phone: '13700001111' });
    expect(await stored('contacts', c.id)).toMatchObject({ phone_e164: '+8613700001111' });
    const patched = await inject(w.admin, 'PATCH', `/api/v1/contacts/${c.id}`, { version: 1, phone: '+852 2345 6789', email: 'LEE@Example.HK' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ phone: '+852 2345 6789', email: 'lee@example.hk' });
    expect(await stored('contacts', c.id)).toMatchObject({ phone_e164: '+85223456789' });
    const cleared = await inject(w.admin, 'PATCH', `/api/v1/contacts/${c.id}`, { version: 2, phone: null });
    expect(cleared.json().phone).toBeNull();
    expect(await stored('contacts', c.id)).toMatchObject({ phone_e164: null });

    const batch = await inject(w.admin, 'POST', '/api/v1/accounts/batch', { create: [{ name: 'Globex GmbH', phone: '+1 415 555 0132' }], update: [{ id: yuanhang.id, version: 1, name: '上海远航科技股份有限公司' }] });
    expect(batch.statusCode, batch.body).toBe(200);
    expect(await stored('accounts', batch.json().created[0].id)).toMatchObject({ name_key: 'globex', phone_e164: '+14155550132' });
    expect(await stored('accounts', yuanhang.id)).toMatchObject({ name_key: '上海远航科技' });
  });

  it('refuses a phone that is not a possible number, naming the field and the batch row', async () => {
    const single = await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Bad phone', mobile: '12345' });
    expect(single.statusCode).toBe(400);
    expect(single.json().error.details.fields).toEqual([expect.objectContaining({ field: 'mobile', code: 'invalid_phone' })]);
    const batch = await inject(w.admin, 'POST', '/api/v1/contacts/batch', { create: [{ name: 'Fine', phone: '13800001111' }, { name: 'Bad', phone: 'call me' }] });
    expect(batch.statusCode).toBe(400);
    expect(batch.json().error.details.fields[0]).toMatchObject({ field: 'create.1.phone', code: 'invalid_phone' });
  });
});

describe('duplicate check on entry', () => {
  it('finds the same email typed in another case', async () => {
    const matches = await check(w.admin, 'contacts', { name: 'Someone else', email: 'XIAOMING.WANG@yuanhang.cn' });
    expect(matches).toEqual([{ id: xiaoming.id, title: '王小明', accessible: true, reasons: ['email'], score: 1, ownerName: expect.any(String) }]);
  });

  it('finds the same phone written differently, in either phone field', async () => {
    for (const phone of ['13800138000', '0086-138-0013-8000', '+86 138 0013 8000']) {
      expect((await check(w.admin, 'contacts', { phone })).map((m) => [m.id, m.reasons]), phone).toEqual([[xiaoming.id, ['phone']]]);
    }
    expect((await check(w.admin, 'contacts', { mobile: '138 0013 8000' }))[0].id).toBe(xiaoming.id);
  });

  it('finds a similar name at the same company, however the company is written', async () => {
    const latin = await check(w.admin, 'contacts', { name: 'Jonathon Smith', accountName: 'ACME Inc.' });
    expect(latin.map((m) => [m.id, m.reasons])).toEqual([[jonathan.id, ['name_company']]]);
    expect(latin[0].score).toBeGreaterThanOrEqual(0.6);
    expect(latin[0].score).toBeLessThan(1);
    const chinese = await check(w.admin, 'contacts', { name: '王小明', accountName: '上海远航科技（集团）' });
    expect(chinese.map((m) => [m.id, m.reasons, m.score])).toEqual([[xiaoming.id, ['name_company'], 1]]);
    const chosen = await check(w.admin, 'contacts', { name: '王小明', accountId: yuanhang.id, email: 'xiaoming.wang@yuanhang.cn' });
    expect(chosen.map((m) => [m.id, m.reasons.sort()])).toEqual([[xiaoming.id, ['email', 'name_company']]]);
  });

  it('warns of the same name without a company, but not of an unrelated name or company', async () => {
    expect((await check(w.admin, 'contacts', { name: ' 王小明 ' })).map((m) => [m.id, m.reasons, m.score])).toEqual([[xiaoming.id, ['name'], 0.5]]);
    expect(await check(w.admin, 'contacts', { name: '李娜', accountName: '北京星辰有限公司', email: 'lina@xingchen.cn', phone: '13911112222' })).toEqual([]);
    expect(await check(w.admin, 'contacts', { name: 'John Smith', accountName: 'Initech LLC' })).toEqual([]);
    expect(await check(w.admin, 'contacts', { name: '王小明', accountName: '深圳星辰科技' })).toEqual([]);
    expect(await check(w.admin, 'contacts', {})).toEqual([]);
  });

  it('does not report the record being edited, or trashed records', async () => {
    expect(await check(w.admin, 'contacts', { email: 'xiaoming.wang@yuanhang.cn', excludeId: xiaoming.id })).toEqual([]);
    const trashed = await create(w.admin, 'contacts', { name: 'Gone', email: 'gone@example.com' });
    await inject(w.admin, 'POST', `/api/v1/contacts/${trashed.id}`, undefined);
    await w.t.app.inject({ method: 'DELETE', url: `/api/v1/contacts/${trashed.id}`, headers: w.admin.headers });
    expect(await check(w.admin, 'contacts', { email: 'gone@example.com' })).toEqual([]);
  });

  it('finds accounts by name without legal suffix, by similar name, and by phone', async () => {
    const same = await check(w.admin, 'accounts', { name: '上海远航科技有限责任公司' });
    expect(same.map((m) => [m.id, m.reasons, m.score])).toEqual([[yuanhang.id, ['name'], 1]]);
    const similar = await check(w.admin, 'accounts', { name: 'Acme Company' });
    expect(similar.map((m) => m.title)).toEqual(['Acme Co., Ltd.']);
    const fuzzy = await check(w.admin, 'accounts', { name: 'Globexx' });
    expect(fuzzy.map((m) => m.title)).toEqual(['Globex GmbH']);
    expect(fuzzy[0].score).toBeGreaterThanOrEqual(0.6);
    expect((await check(w.admin, 'accounts', { phone: '+86 21 5046 1234' })).map((m) => m.reasons)).toEqual([['phone']]);
    expect(await check(w.admin, 'accounts', { name: '北京星辰' })).toEqual([]);
    expect(await check(w.admin, 'accounts', { name: '上海远航科技有限公司', excludeId: yuanhang.id })).toEqual([]);
  });

  it('uses the workspace threshold for fuzzy names', async () => {
    await w.t.database.query(`update workspaces set settings = $1 where id = $2`, [JSON.stringify({ customers: { duplicateNameSimilarity: 0.95 } }), w.workspaceId]);
    expect(await check(w.admin, 'contacts', { name: 'Jonathon Smith', accountName: 'ACME Inc.' })).toEqual([]);
    await w.t.database.query(`update workspaces set settings = '{}' where id = $1`, [w.workspaceId]);
    expect(await check(w.admin, 'contacts', { name: 'Jonathon Smith', accountName: 'ACME Inc.' })).toHaveLength(1);
  });
});

describe('duplicate check permissions', () => {
  it('warns of a record outside the data scope without revealing it', async () => {
    const rep = await w.member('rep', 'Rep Wu');
    const matches = await check(rep, 'contacts', { email: 'xiaoming.wang@yuanhang.cn' });
    expect(matches).toEqual([{ id: null, title: '您无权查看的记录', accessible: false, reasons: ['email'], score: 1, ownerName: 'Admin' }]);
    const en = await w.t.app.inject({ method: 'POST', url: '/api/v1/contacts/duplicates/check?lang=en', headers: rep.headers, payload: { email: 'xiaoming.wang@yuanhang.cn' } });
    expect(en.json().matches[0].title).toBe('A record you do not have access to');
    const own = await create(rep, 'contacts', { name: '吴晓', email: 'wu.xiao@example.cn' });
    expect(await check(rep, 'contacts', { email: 'wu.xiao@example.cn' })).toEqual([expect.objectContaining({ id: own.id, title: '吴晓', accessible: true, ownerName: 'Rep Wu' })]);
  });

  it('refuses a role without read on the object, and an API key without its scope', async () => {
    await w.t.database.query(`update roles set permissions = $1 where workspace_id = $2 and id = $3`, [JSON.stringify({ account: { read: true } }), w.workspaceId, w.roleIds.viewer]);
    const accountsOnly = await w.member('viewer', 'Accounts reader');
    const refused = await inject(accountsOnly, 'POST', '/api/v1/contacts/duplicates/check', { email: 'a@b.cn' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    expect((await inject(accountsOnly, 'POST', '/api/v1/accounts/duplicates/check', { name: 'Acme' })).statusCode).toBe(200);

    const key = (await inject(w.admin, 'POST', '/api/v1/api-keys', { name: 'accounts only', scopes: ['account:read'] })).json().key as string;
    const byKey = await w.t.app.inject({ method: 'POST', url: '/api/v1/contacts/duplicates/check', headers: { authorization: `Bearer ${key}` }, payload: { email: 'a@b.cn' } });
    expect(byKey.statusCode).toBe(403);
    expect(byKey.json().error.code).toBe('scope_missing');
  });

  it('answers 400 naming the field for unknown or malformed input', async () => {
    const unknown = await inject(w.admin, 'POST', '/api/v1/contacts/duplicates/check', { nickname: 'x' });
    expect(unknown.statusCode).toBe(400);
    const badId = await inject(w.admin, 'POST', '/api/v1/accounts/duplicates/check', { name: 'Acme', excludeId: 'nope' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details.fields[0].field).toBe('excludeId');
    const tooLong = await inject(w.admin, 'POST', '/api/v1/contacts/duplicates/check', { name: 'x'.repeat(201) });
    expect(tooLong.json().error.details.fields[0].field).toBe('name');
  });
});
