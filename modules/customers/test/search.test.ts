import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from './helpers';

let w: World;
type Who = { headers: Record<string, string> };
interface Result { type: string; id: string; title: string; subtitle: string | null; ownerName: string | null }

const inject = (who: Who, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
const create = async (who: Who, plural: 'contacts' | 'accounts', body: Record<string, unknown>) => {
  const res = await inject(who, 'POST', `/api/v1/${plural}`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
};
async function search(who: Who, q: string, extra = ''): Promise<Record<string, Result[]>> {
  const res = await inject(who, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries((res.json().groups as Array<{ type: string; results: Result[] }>).map((g) => [g.type, g.results]));
}
const titles = (results: Result[] | undefined) => (results ?? []).map((r) => r.title);

let xiaoming: { id: string };
let acme: { id: string };
beforeAll(async () => {
  w = await createWorld();
  const yuanhang = await create(w.admin, 'accounts', { name: '上海远航科技有限公司', industry: '软件', region: '上海' });
  acme = await create(w.admin, 'accounts', { name: 'Acme Co., Ltd.', industry: 'Manufacturing' });
  await create(w.admin, 'accounts', { name: 'Northwind Traders' });
  xiaoming = await create(w.admin, 'contacts', { name: '王小明', mobile: '+86 138 0013 8000', email: 'xiaoming@yuanhang.cn', title: '采购经理', accountId: yuanhang.id });
  await create(w.admin, 'contacts', { name: 'Wang Lei', email: 'Wang.Lei@Example.com', phone: '021 5046 1234', accountId: acme.id });
  await create(w.admin, 'contacts', { name: 'Erwan Dupont', email: 'erwan@example.fr' });
  await create(w.admin, 'contacts', { name: '张伟', mobile: '13912345678' });
  await create(w.admin, 'contacts', { name: '李小红', mobile: '13700001111' });
}, 60_000);
afterAll(() => w.t.close());

describe('global search', () => {
  it('finds a Chinese name by any two of its characters', async () => {
    expect(titles((await search(w.admin, '小明')).contact)).toEqual(['王小明']);
    expect(titles((await search(w.admin, '王小')).contact)).toEqual(['王小明']);
    expect(titles((await search(w.admin, '张伟')).contact)).toEqual(['张伟']);
    const hit = (await search(w.admin, '小明')).contact[0];
    expect(hit).toEqual({ type: 'contact', id: xiaoming.id, title: '王小明', subtitle: '上海远航科技有限公司 · 采购经理 · xiaoming@yuanhang.cn', ownerName: expect.any(String) });
  });

  it('finds a Latin name by a prefix in any case, prefixes ranked before other matches', async () => {
    expect(titles((await search(w.admin, 'wan')).contact)).toEqual(['Wang Lei', 'Erwan Dupont']);
    expect(titles((await search(w.admin, 'WANG')).contact)).toEqual(['Wang Lei']);
    expect(titles((await search(w.admin, 'lei')).contact)).toEqual(['Wang Lei']);
  });

  it('finds companies by part of their name, in either script, full-width letters included', async () => {
    expect(titles((await search(w.admin, '远航')).account)).toEqual(['上海远航科技有限公司']);
    expect(titles((await search(w.admin, 'Acme')).account)).toEqual(['Acme Co., Ltd.']);
    expect(titles((await search(w.admin, 'ＡＣＭＥ')).account)).toEqual(['Acme Co., Ltd.']);
    expect((await search(w.admin, 'Acme')).account[0]).toMatchObject({ id: acme.id, subtitle: 'Manufacturing' });
  });

  it('finds a contact by the last four digits of a mobile, or any longer run of its digits', async () => {
    expect(titles((await search(w.admin, '8000')).contact)).toEqual(['王小明']);
    expect(titles((await search(w.admin, '0013 8000')).contact)).toEqual(['王小明']);
    expect(titles((await search(w.admin, '+86 138-0013-8000')).contact)).toEqual(['王小明']);
    expect(titles((await search(w.admin, '5046')).contact)).toEqual(['Wang Lei']);
  });

  it('finds a contact by an email prefix, whatever case it was typed in', async () => {
    expect(titles((await search(w.admin, 'wang.l')).contact)).toEqual(['Wang Lei']);
    expect(titles((await search(w.admin, 'XIAOMING@')).contact)).toEqual(['王小明']);
  });

  it('groups by type, honours types and limit, and finds nothing for one character or an unknown word', async () => {
    const both = await inject(w.admin, 'GET', '/api/v1/search?q=Acme');
    expect(both.json().groups.map((g: { type: string }) => g.type)).toEqual(['contact', 'account']);
    const accountsOnly = await inject(w.admin, 'GET', '/api/v1/search?q=Acme&types=account');
    expect(accountsOnly.json().groups.map((g: { type: string }) => g.type)).toEqual(['account']);
    expect((await search(w.admin, '小', '')).contact).toEqual([]);
    expect((await search(w.admin, 'zzqx')).contact).toEqual([]);
    const limited = await search(w.admin, '13', '&limit=1');
    expect(limited.contact).toHaveLength(0);
    expect((await search(w.admin, '138', '&limit=1')).contact).toHaveLength(1);
  });

  it('leaves trashed contacts out', async () => {
    const gone = await create(w.admin, 'contacts', { name: '赵一鸣' });
    expect(titles((await search(w.admin, '一鸣')).contact)).toEqual(['赵一鸣']);
    expect((await inject(w.admin, 'DELETE', `/api/v1/contacts/${gone.id}`)).statusCode).toBe(204);
    expect((await search(w.admin, '一鸣')).contact).toEqual([]);
  });

  it('answers 400 naming the field for an unknown type or a bad limit', async () => {
    const unknownType = await inject(w.admin, 'GET', '/api/v1/search?q=abc&types=deal');
    expect(unknownType.statusCode).toBe(400);
    expect(unknownType.json().error.details.fields[0].field).toBe('query.types');
    const badLimit = await inject(w.admin, 'GET', '/api/v1/search?q=abc&limit=500');
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json().error.details.fields[0].field).toBe('query.limit');
    const tooLong = await inject(w.admin, 'GET', `/api/v1/search?q=${'x'.repeat(101)}`);
    expect(tooLong.statusCode).toBe(400);
  });
});

describe('search permissions', () => {
  it('shows a rep with own scope only their own contacts', async () => {
    const repA = await w.member('rep', 'Rep A');
    const repB = await w.member('rep', 'Rep B');
    await create(repA, 'contacts', { name: '周小明', mobile: '13600008000' });
    await create(repB, 'contacts', { name: '吴小明', mobile: '13500008000' });
    const seenByA = await search(repA, '小明');
    expect(titles(seenByA.contact)).toEqual(['周小明']);
    expect(seenByA.contact[0].ownerName).toBe('Rep A');
    expect(titles((await search(repA, '8000')).contact)).toEqual(['周小明']);
    expect(titles((await search(repB, '小明')).contact)).toEqual(['吴小明']);
    expect(titles((await search(w.admin, '小明')).contact)).toEqual(expect.arrayContaining(['王小明', '周小明', '吴小明']));
  });

  it('never shows or searches a masked phone, and never shows a hidden email', async () => {
    await w.t.database.query(`update roles set field_rules = $1 where workspace_id = $2 and id = $3`, [JSON.stringify({ contact: { mobile: 'masked', email: 'hidden' } }), w.workspaceId, w.roleIds.viewer]);
    const viewer = await w.member('viewer', 'Viewer');
    const hit = (await search(viewer, '王小明')).contact[0];
    expect(hit.title).toBe('王小明');
    // The kernel's mask keeps the head and the last four digits, as the contact page shows it.
    expect(hit.subtitle).toBe('上海远航科技有限公司 · 采购经理 · +86 138 0****8000');
    expect(hit.subtitle).not.toContain('0013');
    expect(hit.subtitle).not.toContain('xiaoming@');
    // Searching the whole number would confirm what the mask hides.
    expect((await search(viewer, '13800138000')).contact).toEqual([]);
    expect((await search(viewer, 'xiaoming@')).contact).toEqual([]);
  });

  it('leaves out types the actor cannot read, and refuses when none is readable', async () => {
    await w.t.database.query(`update roles set permissions = $1 where workspace_id = $2 and id = $3`, [JSON.stringify({ account: { read: true } }), w.workspaceId, w.roleIds.manager]);
    const accountsOnly = await w.member('manager', 'Accounts only');
    const res = await inject(accountsOnly, 'GET', '/api/v1/search?q=Acme');
    expect(res.statusCode).toBe(200);
    expect(res.json().groups.map((g: { type: string }) => g.type)).toEqual(['account']);
    const refused = await inject(accountsOnly, 'GET', '/api/v1/search?q=Acme&types=contact');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
  });

  it('applies API-key scopes per type', async () => {
    const created = await inject(w.admin, 'POST', '/api/v1/api-keys', { name: 'accounts reader', scopes: ['account:read'] });
    const key = created.json().key as string;
    const res = await w.t.app.inject({ method: 'GET', url: '/api/v1/search?q=Acme', headers: { authorization: `Bearer ${key}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json().groups.map((g: { type: string }) => g.type)).toEqual(['account']);
  });
});

describe('search provider registry', () => {
  it('searches only the providers of modules switched on', async () => {
    const { defineModule } = await import('@voyage/kernel');
    const w2 = await createWorld();
    try {
      // A module contributing a provider joins the search box; switched off, it leaves it.
      w2.t.services.registry.register(defineModule({
        key: 'notes_demo',
        labels: { 'zh-CN': '便签', 'zh-TW': '便籤', en: 'Notes' },
        enabledByDefault: false,
        searchProviders: [{ type: 'note', object: 'contact', search: async (_ctx, q) => [{ type: 'note', id: '00000000-0000-7000-8000-000000000001', title: `Note about ${q}`, subtitle: null, ownerName: null }] }],
      }));
      const before = await w2.t.app.inject({ method: 'GET', url: '/api/v1/search?q=wang', headers: w2.admin.headers });
      expect(before.json().groups.map((g: { type: string }) => g.type)).toEqual(['contact', 'account']);
      const on = await w2.t.app.inject({ method: 'PATCH', url: '/api/v1/modules/notes_demo', headers: w2.admin.headers, payload: { enabled: true } });
      expect(on.statusCode).toBe(200);
      const after = await w2.t.app.inject({ method: 'GET', url: '/api/v1/search?q=wang', headers: w2.admin.headers });
      expect(after.json().groups.map((g: { type: string }) => g.type)).toEqual(['contact', 'account', 'note']);
      expect(after.json().groups[2].results[0].title).toBe('Note about wang');
    } finally {
      await w2.t.close();
    }
  });
});
