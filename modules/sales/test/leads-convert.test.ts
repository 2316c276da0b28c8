import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '@voyage/testing';
import { createWorld, type World } from './helpers';

let w: World;
let rep: SignedIn;
type Who = { headers: Record<string, string> };
type Lead = { id: string; version: number; status: string; ownerId: string | null; convertedAccountId: string | null; convertedContactId: string | null; convertedDealId: string | null } & Record<string, unknown>;
interface Stage { id: string; version: number; kind: string }
const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
const create = async (who: Who, body: Record<string, unknown>): Promise<Lead> => {
  const res = await inject(who, 'POST', '/api/v1/leads', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const count = async (plural: 'accounts' | 'contacts', field: string, value: string) =>
  ((await inject(w.admin, 'GET', `/api/v1/${plural}?filter[${field}][eq]=${encodeURIComponent(value)}`)).json().data as unknown[]).length;
let stages: Stage[];
let pipelineId: string;

beforeAll(async () => {
  w = await createWorld();
  rep = await w.member('rep', 'Rep');
  const [pipeline] = (await inject(w.admin, 'GET', '/api/v1/pipelines')).json().data as Array<{ id: string; stages: Stage[] }>;
  pipelineId = pipeline.id;
  stages = pipeline.stages;
  // The third stage needs a close date before a deal may enter it.
  expect((await inject(w.admin, 'PATCH', `/api/v1/pipelines/${pipeline.id}/stages/${stages[2].id}`, { version: stages[2].version, requiredFields: ['closeDate'] })).statusCode).toBe(200);
});
afterAll(() => w.t.close());

describe('lead conversion', () => {
  it('creates an account, a contact linked to it and a deal in one step; the lead keeps the links; twice is refused', async () => {
    const lead = await create(rep, { ownerId: rep.userId, name: '韩梅梅', company: '杭州绿叶网络有限公司', email: 'hmm@lvye.cn', mobile: '13700137000', industry: '互联网', source: 'referral' });
    const res = await inject(rep, 'POST', `/api/v1/leads/${lead.id}/convert`, { version: lead.version, account: { mode: 'create' }, contact: { mode: 'create' }, deal: { mode: 'create', name: '绿叶 CRM', amountMinor: 880_000 } });
    expect(res.statusCode, res.body).toBe(200);
    const { accountId, contactId, dealId } = res.json() as { accountId: string; contactId: string; dealId: string };
    expect(res.json().lead).toMatchObject({ status: 'converted', convertedAccountId: accountId, convertedContactId: contactId, convertedDealId: dealId });
    expect((await inject(rep, 'GET', `/api/v1/accounts/${accountId}`)).json()).toMatchObject({ name: '杭州绿叶网络有限公司', industry: '互联网', ownerId: rep.userId });
    expect((await inject(rep, 'GET', `/api/v1/contacts/${contactId}`)).json()).toMatchObject({ name: '韩梅梅', email: 'hmm@lvye.cn', accountId, ownerId: rep.userId });
    expect((await inject(rep, 'GET', `/api/v1/deals/${dealId}`)).json()).toMatchObject({ name: '绿叶 CRM', accountId, primaryContactId: contactId, amountMinor: 880_000, pipelineId, source: 'referral' });
    expect((await inject(rep, 'GET', `/api/v1/deals/${dealId}/contacts`)).json().data).toEqual([expect.objectContaining({ contactId, isPrimary: true })]);
    const again = await inject(rep, 'POST', `/api/v1/leads/${lead.id}/convert`, { version: res.json().lead.version, account: { mode: 'none' }, contact: { mode: 'create' }, deal: { mode: 'none' } });
    expect(again.statusCode).toBe(409);
    expect(await count('contacts', 'email', 'hmm@lvye.cn')).toBe(1);
    expect((await inject(rep, 'PATCH', `/api/v1/leads/${lead.id}`, { version: res.json().lead.version, title: 'x' })).statusCode).toBe(422);
    // The contact's and account's timelines say where they came from.
    await w.t.services.outbox.dispatch();
    const timeline = (await inject(w.admin, 'GET', `/api/v1/contacts/${contactId}/timeline`)).json().data as Array<{ kind: string; title: string }>;
    expect(timeline.find((e) => e.kind === 'lead_converted')?.title).toBe('Converted from lead 韩梅梅');
  });

  it('offers existing matches and converts into them without creating duplicates', async () => {
    const account = (await inject(w.admin, 'POST', '/api/v1/accounts', { name: '华为技术有限公司' })).json() as { id: string };
    const contact = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: '王小明', email: 'xm@huawei.com', accountId: account.id })).json() as { id: string };
    const lead = await create(w.admin, { ownerId: null, name: '王小明', company: '华为技术有限公司', email: 'XM@huawei.com' });
    const preview = (await inject(w.admin, 'GET', `/api/v1/leads/${lead.id}/convert-preview`)).json() as { accounts: Array<{ id: string; score: number }>; contacts: Array<{ id: string; reasons: string[] }> };
    expect(preview.accounts[0]).toMatchObject({ id: account.id, score: 1 });
    expect(preview.contacts[0]).toMatchObject({ id: contact.id });
    expect(preview.contacts[0].reasons).toContain('email');
    const res = await inject(w.admin, 'POST', `/api/v1/leads/${lead.id}/convert`, { version: lead.version, account: { mode: 'existing', id: account.id }, contact: { mode: 'existing', id: contact.id }, deal: { mode: 'create', name: '华为续约' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accountId: account.id, contactId: contact.id });
    expect(res.json().lead.ownerId).toBe(w.admin.userId);
    expect(await count('accounts', 'name', '华为技术有限公司')).toBe(1);
    expect(await count('contacts', 'email', 'xm@huawei.com')).toBe(1);
    expect((await inject(w.admin, 'GET', `/api/v1/deals/${res.json().dealId}`)).json()).toMatchObject({ accountId: account.id, primaryContactId: contact.id });
  });

  it('leaves nothing behind when the deal fails: no account, no contact, the lead unconverted', async () => {
    const lead = await create(rep, { ownerId: rep.userId, name: '回滚测试', company: '回滚公司甲', email: 'rollback@example.cn' });
    const body = { version: lead.version, account: { mode: 'create' }, contact: { mode: 'create' } };
    const needsDate = await inject(rep, 'POST', `/api/v1/leads/${lead.id}/convert`, { ...body, deal: { mode: 'create', name: 'No date', stageId: stages[2].id } });
    expect(needsDate.statusCode).toBe(422);
    expect(needsDate.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['deal.closeDate']);
    const badStage = await inject(rep, 'POST', `/api/v1/leads/${lead.id}/convert`, { ...body, deal: { mode: 'create', name: 'Bad stage', stageId: '00000000-0000-7000-8000-000000000000' } });
    expect(badStage.statusCode).toBe(400);
    expect(badStage.json().error.details.fields[0].field).toBe('deal.stageId');
    expect(await count('accounts', 'name', '回滚公司甲')).toBe(0);
    expect(await count('contacts', 'email', 'rollback@example.cn')).toBe(0);
    expect((await inject(rep, 'GET', `/api/v1/leads/${lead.id}`)).json()).toMatchObject({ status: 'new', convertedAccountId: null, convertedContactId: null, version: lead.version });
    const ok = await inject(rep, 'POST', `/api/v1/leads/${lead.id}/convert`, { ...body, deal: { mode: 'create', name: 'With date', stageId: stages[2].id, closeDate: '2027-03-31' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await count('accounts', 'name', '回滚公司甲')).toBe(1);
  });

  it('refuses to convert into an account or contact the rep cannot see, leaving nothing behind', async () => {
    const other = await w.member('rep', 'Other rep');
    const hidden = (await inject(other, 'POST', '/api/v1/accounts', { name: '别人的客户有限公司' })).json() as { id: string };
    const hiddenContact = (await inject(other, 'POST', '/api/v1/contacts', { name: '别人的联系人' })).json() as { id: string };
    expect((await inject(rep, 'GET', `/api/v1/accounts/${hidden.id}`)).statusCode).toBe(404);
    const lead = await create(rep, { ownerId: rep.userId, name: '越权测试', email: 'scope@example.cn' });
    const intoAccount = await inject(rep, 'POST', `/api/v1/leads/${lead.id}/convert`, { version: lead.version, account: { mode: 'existing', id: hidden.id }, contact: { mode: 'create' }, deal: { mode: 'none' } });
    expect(intoAccount.statusCode).toBe(404);
    expect(intoAccount.json().error.details.field).toBe('account.id');
    const intoContact = await inject(rep, 'POST', `/api/v1/leads/${lead.id}/convert`, { version: lead.version, account: { mode: 'none' }, contact: { mode: 'existing', id: hiddenContact.id }, deal: { mode: 'none' } });
    expect(intoContact.statusCode).toBe(404);
    expect(await count('contacts', 'email', 'scope@example.cn')).toBe(0);
    expect((await inject(rep, 'GET', `/api/v1/leads/${lead.id}`)).json()).toMatchObject({ status: 'new', version: lead.version });
    // The same links on a deal or a task are refused too; the owner may use them.
    const deal = await inject(rep, 'POST', '/api/v1/deals', { name: 'Hidden account deal', accountId: hidden.id });
    expect(deal.statusCode).toBe(404);
    expect(deal.json().error.details.field).toBe('accountId');
    const task = await inject(rep, 'POST', '/api/v1/tasks', { title: 'Call them', relatedType: 'account', relatedId: hidden.id });
    expect(task.statusCode).toBe(400);
    expect(task.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['relatedId']);
    expect((await inject(other, 'POST', '/api/v1/deals', { name: 'Own account deal', accountId: hidden.id })).statusCode).toBe(201);
  });

  it('refuses conversion to a user without the update right', async () => {
    const viewer = await w.member('viewer', 'Viewer');
    const lead = await create(w.admin, { ownerId: w.admin.userId, name: 'Viewer cannot' });
    const res = await inject(viewer, 'POST', `/api/v1/leads/${lead.id}/convert`, { version: lead.version, account: { mode: 'none' }, contact: { mode: 'create' }, deal: { mode: 'none' } });
    expect(res.statusCode).toBe(403);
  });
});

describe('lead import', () => {
  // 姓名,公司,邮箱,手机,来源,规模 then five rows in GBK: one without a name, one bad email, one bad phone.
  const gbk = Buffer.from('d0d5c3fb2cb9abcbbe2cd3cacfe42ccad6bbfa2cc0b4d4b42cb9e6c4a30ac0eec4c82cc9cfbaa3d4c6b7abbfc6bcbcd3d0cfdeb9abcbbe2c4c494e414059554e46414e2e434e2c31333930303133393030302cd5b9bbe12c31312d35300a2ccedec3fbb9abcbbe2c7840792e636e2c2c2c0ad5d4c7bf2cb1b1bea9d0c7bad32c6e6f742d616e2d656d61696c2c2cb9e3b8e62c0acdf5c0da2cc9eedbdabaa3b7e72c776c4068616966656e672e636e2c31322c2c0ab3c2beb22cbabcd6ddc2ccd2b62c636a406c7679652e636e2c2cd7aabde9c9dc2c0a', 'hex');
  const upload = (who: Who, body: Buffer, fileName = 'leads.csv') =>
    w.t.app.inject({ method: 'POST', url: `/api/v1/leads/import?fileName=${fileName}`, headers: { ...who.headers, 'content-type': 'text/csv' }, payload: body });

  it('imports the valid rows of a GBK file, reports each bad row by line and field, and undoes the import', async () => {
    const res = await upload(rep, gbk);
    expect(res.statusCode, res.body).toBe(201);
    const result = res.json() as { id: string; encoding: string; totalRows: number; createdCount: number; errors: Array<{ row: number; field: string }> };
    expect(result).toMatchObject({ encoding: 'gb18030', totalRows: 5, createdCount: 2 });
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([[3, 'name'], [4, 'email'], [5, 'mobile']]);
    const imported = (await inject(w.admin, 'GET', `/api/v1/leads?filter[importId][eq]=${result.id}&sort=name`)).json().data as Array<Lead & { name: string; email: string; source: string; size: string | null; company: string }>;
    expect(imported.map((l) => [l.name, l.company, l.email, l.source, l.size])).toEqual([
      ['李娜', '上海云帆科技有限公司', 'lina@yunfan.cn', 'trade_show', '11-50'],
      ['陈静', '杭州绿叶', 'cj@lvye.cn', 'referral', null],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    // No rule matched: they wait in the pool.
    expect(imported.every((l) => l.ownerId === null)).toBe(true);
    const undo = await inject(rep, 'POST', `/api/v1/lead-imports/${result.id}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().status).toBe('undone');
    expect((await inject(w.admin, 'GET', `/api/v1/leads?filter[importId][eq]=${result.id}`)).json().data).toEqual([]);
    expect((await inject(w.admin, 'GET', `/api/v1/leads?trash=true&filter[importId][eq]=${result.id}`)).json().data).toHaveLength(2);
    expect((await inject(rep, 'POST', `/api/v1/lead-imports/${result.id}/undo`)).statusCode).toBe(409);
  });

  it('reads a UTF-8 file with English headers, and refuses a file without a name column or rows', async () => {
    const res = await upload(w.admin, Buffer.from('\uFEFFName,Company,Source,Channel\nJane Doe,Acme Ltd,Web form,Google\n'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ encoding: 'utf-8', createdCount: 1, errors: [] });
    const [jane] = (await inject(w.admin, 'GET', `/api/v1/leads?filter[importId][eq]=${res.json().id}`)).json().data as Array<{ name: string; source: string; channel: string }>;
    expect(jane).toMatchObject({ name: 'Jane Doe', source: 'web_form', channel: 'Google' });
    const noName = await upload(w.admin, Buffer.from('Company\nAcme\n'));
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.details.fields[0].field).toBe('name');
    expect((await upload(w.admin, Buffer.from('Name\n'))).statusCode).toBe(422);
    // A stray quote or a file that is not text: a translated 422, not a server error.
    const quote = await w.t.app.inject({ method: 'POST', url: '/api/v1/leads/import?fileName=bad.csv&lang=zh-CN', headers: { ...w.admin.headers, 'content-type': 'text/csv' }, payload: Buffer.from('Name,Company\n"Jane,Acme\nBob,Beta\n') });
    expect(quote.statusCode).toBe(422);
    expect(quote.json().error.message).toContain('第 2 行');
    const binary = await upload(w.admin, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]));
    expect(binary.statusCode).toBe(422);
    expect(binary.json().error.message).toContain('not a CSV text file');
    const viewer = await w.member('viewer', 'Viewer 2');
    expect((await upload(viewer, Buffer.from('Name\nX\n'))).statusCode).toBe(403);
  });
});
