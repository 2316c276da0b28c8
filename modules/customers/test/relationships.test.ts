import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceWithAdmin, createWorld, signIn, type World } from './helpers';

let w: World;
type Who = { headers: Record<string, string> };
interface Link { accountId: string; contactId: string; role: string | null; isPrimary: boolean; reportsToId: string | null; account: { name: string | null }; contact: { name: string | null } }

const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
const create = async (who: Who, plural: 'contacts' | 'accounts', body: Record<string, unknown>) => {
  const res = await inject(who, 'POST', `/api/v1/${plural}`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number } & Record<string, unknown>;
};
const get = async (who: Who, url: string) => {
  const res = await inject(who, 'GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const linksOf = async (who: Who, url: string): Promise<Link[]> => (await get(who, url)).data;
const storedAccountId = async (contactId: string) =>
  (await w.t.database.query<{ account_id: string | null }>('select account_id from contacts where workspace_id = $1 and id = $2', [w.workspaceId, contactId]))[0].account_id;

let group: { id: string };
let yuanhang: { id: string };
let globex: { id: string };
let wang: { id: string };
let li: { id: string };
let zhao: { id: string };
beforeAll(async () => {
  w = await createWorld();
  group = await create(w.admin, 'accounts', { name: '远航集团' });
  yuanhang = await create(w.admin, 'accounts', { name: '上海远航科技有限公司', industry: 'Software', parentAccountId: group.id });
  globex = await create(w.admin, 'accounts', { name: 'Globex GmbH' });
  wang = await create(w.admin, 'contacts', { name: '王小明', title: 'CTO', accountId: yuanhang.id });
  li = await create(w.admin, 'contacts', { name: '李娜', title: 'CEO' });
  zhao = await create(w.admin, 'contacts', { name: '赵强', title: 'Engineer' });
}, 60_000);
afterAll(() => w.t.close());

describe('contact ↔ account links', () => {
  it('shows the account picked on the contact form as its primary link', async () => {
    const links = await linksOf(w.admin, `/api/v1/contacts/${wang.id}/accounts`);
    expect(links).toEqual([expect.objectContaining({ accountId: yuanhang.id, isPrimary: true, role: null, account: expect.objectContaining({ name: '上海远航科技有限公司' }) })]);
  });

  it('links a contact to two accounts with roles, and switching the primary keeps exactly one and contacts.account_id in sync', async () => {
    const first = await inject(w.admin, 'POST', `/api/v1/accounts/${yuanhang.id}/contacts`, { contactId: li.id, role: 'decision_maker', influence: 'high' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ accountId: yuanhang.id, contactId: li.id, role: 'decision_maker', influence: 'high', isPrimary: true, contact: { name: '李娜', title: 'CEO' } });
    expect(await storedAccountId(li.id)).toBe(yuanhang.id);

    const second = await inject(w.admin, 'POST', `/api/v1/contacts/${li.id}/accounts`, { accountId: globex.id, role: 'economic_buyer' });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ isPrimary: false, role: 'economic_buyer' });

    const switched = await inject(w.admin, 'PATCH', `/api/v1/contacts/${li.id}/accounts/${globex.id}`, { isPrimary: true });
    expect(switched.statusCode, switched.body).toBe(200);
    let links = await linksOf(w.admin, `/api/v1/contacts/${li.id}/accounts`);
    expect(links.filter((l) => l.isPrimary).map((l) => l.accountId)).toEqual([globex.id]);
    expect(await storedAccountId(li.id)).toBe(globex.id);
    expect((await get(w.admin, `/api/v1/contacts/${li.id}`)).accountId).toBe(globex.id);

    // Unsetting the primary hands it to the other link.
    await inject(w.admin, 'PATCH', `/api/v1/accounts/${globex.id}/contacts/${li.id}`, { isPrimary: false });
    links = await linksOf(w.admin, `/api/v1/contacts/${li.id}/accounts`);
    expect(links.filter((l) => l.isPrimary).map((l) => l.accountId)).toEqual([yuanhang.id]);
    expect(await storedAccountId(li.id)).toBe(yuanhang.id);

    // Removing the primary link promotes the remaining one.
    expect((await inject(w.admin, 'DELETE', `/api/v1/accounts/${yuanhang.id}/contacts/${li.id}`)).statusCode).toBe(204);
    links = await linksOf(w.admin, `/api/v1/contacts/${li.id}/accounts`);
    expect(links).toEqual([expect.objectContaining({ accountId: globex.id, isPrimary: true })]);
    expect(await storedAccountId(li.id)).toBe(globex.id);
    await inject(w.admin, 'POST', `/api/v1/accounts/${yuanhang.id}/contacts`, { contactId: li.id, role: 'decision_maker', influence: 'high' });
  });

  it('moves the primary link when the contact form changes the account', async () => {
    const c = await create(w.admin, 'contacts', { name: 'Form user', accountId: globex.id });
    await inject(w.admin, 'POST', `/api/v1/contacts/${c.id}/accounts`, { accountId: yuanhang.id, role: 'user' });
    const patched = await inject(w.admin, 'PATCH', `/api/v1/contacts/${c.id}`, { version: c.version, accountId: yuanhang.id });
    expect(patched.statusCode, patched.body).toBe(200);
    const links = await linksOf(w.admin, `/api/v1/contacts/${c.id}/accounts`);
    expect(links.map((l) => [l.accountId, l.isPrimary, l.role]).sort()).toEqual([[globex.id, false, null], [yuanhang.id, true, 'user']].sort());
  });

  it('refuses a second link to the same account and an unknown role, naming the field', async () => {
    const dup = await inject(w.admin, 'POST', `/api/v1/accounts/${yuanhang.id}/contacts`, { contactId: wang.id });
    expect(dup.statusCode).toBe(409);
    const bad = await inject(w.admin, 'PATCH', `/api/v1/accounts/${yuanhang.id}/contacts/${wang.id}`, { role: 'kingmaker' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toEqual([expect.objectContaining({ field: 'role', code: 'unknown_role', message: 'Unknown role: kingmaker' })]);
    const extra = await inject(w.admin, 'PATCH', `/api/v1/accounts/${yuanhang.id}/contacts/${wang.id}`, { colour: 'red' });
    expect(extra.statusCode).toBe(400);
  });

  it('skips links whose other end is in the trash, and shows them again after a restore', async () => {
    const temp = await create(w.admin, 'contacts', { name: 'Temp worker', accountId: yuanhang.id });
    expect((await linksOf(w.admin, `/api/v1/accounts/${yuanhang.id}/contacts`)).map((l) => l.contactId)).toContain(temp.id);
    expect((await inject(w.admin, 'DELETE', `/api/v1/contacts/${temp.id}`)).statusCode).toBe(204);
    expect((await linksOf(w.admin, `/api/v1/accounts/${yuanhang.id}/contacts`)).map((l) => l.contactId)).not.toContain(temp.id);
    expect((await inject(w.admin, 'POST', `/api/v1/contacts/${temp.id}/restore`)).statusCode).toBeLessThan(300);
    expect((await linksOf(w.admin, `/api/v1/accounts/${yuanhang.id}/contacts`)).map((l) => l.contactId)).toContain(temp.id);
  });
});

describe('reporting lines', () => {
  it('sets who reports to whom within the account and refuses a loop with 422', async () => {
    await inject(w.admin, 'POST', `/api/v1/accounts/${yuanhang.id}/contacts`, { contactId: zhao.id, role: 'user', reportsToId: wang.id });
    const wangToLi = await inject(w.admin, 'PATCH', `/api/v1/accounts/${yuanhang.id}/contacts/${wang.id}`, { role: 'champion', reportsToId: li.id });
    expect(wangToLi.statusCode, wangToLi.body).toBe(200);
    expect(wangToLi.json()).toMatchObject({ reportsToId: li.id, role: 'champion' });

    const loop = await inject(w.admin, 'PATCH', `/api/v1/accounts/${yuanhang.id}/contacts/${li.id}`, { reportsToId: zhao.id });
    expect(loop.statusCode).toBe(422);
    expect(loop.json().error).toMatchObject({ code: 'customers.reporting_cycle', message: 'A contact cannot report to themselves or to someone who reports to them' });
    expect((await inject(w.admin, 'PATCH', `/api/v1/accounts/${yuanhang.id}/contacts/${li.id}`, { reportsToId: li.id })).statusCode).toBe(422);

    // The manager must work at the same account.
    const other = await create(w.admin, 'contacts', { name: 'Outsider', accountId: globex.id });
    const unlinked = await inject(w.admin, 'PATCH', `/api/v1/accounts/${yuanhang.id}/contacts/${zhao.id}`, { reportsToId: other.id });
    expect(unlinked.statusCode).toBe(422);
    expect(unlinked.json().error.code).toBe('customers.reports_to_unlinked');
  });
});

describe('account hierarchy', () => {
  it('refuses a parent that would close a loop with 422', async () => {
    const current = await get(w.admin, `/api/v1/accounts/${group.id}`);
    const loop = await inject(w.admin, 'PATCH', `/api/v1/accounts/${group.id}`, { version: current.version, parentAccountId: yuanhang.id });
    expect(loop.statusCode).toBe(422);
    expect(loop.json().error).toMatchObject({ code: 'customers.hierarchy_cycle', details: { fields: [expect.objectContaining({ field: 'parentAccountId' })] } });
    const self = await inject(w.admin, 'PATCH', `/api/v1/accounts/${group.id}`, { version: current.version, parentAccountId: group.id });
    // Being one's own parent is already refused by the record input check, as a bad field.
    expect(self.statusCode).toBe(400);
    expect(self.json().error.details.fields[0].field).toBe('parentAccountId');
    const batch = await inject(w.admin, 'POST', '/api/v1/accounts/batch', { update: [{ id: group.id, version: current.version, parentAccountId: yuanhang.id }] });
    expect(batch.statusCode).toBe(422);
    expect(batch.json().error.details.fields[0].field).toBe('update.0.parentAccountId');
  });

  it('returns ancestors, siblings and subsidiaries', async () => {
    const sub = await create(w.admin, 'accounts', { name: '远航深圳分公司', parentAccountId: yuanhang.id });
    const subsub = await create(w.admin, 'accounts', { name: '远航南山办事处', parentAccountId: sub.id });
    const sibling = await create(w.admin, 'accounts', { name: '远航物流', parentAccountId: group.id });
    const h = await get(w.admin, `/api/v1/accounts/${yuanhang.id}/hierarchy`);
    expect(h.ancestors).toEqual([expect.objectContaining({ id: group.id, name: '远航集团', depth: -1, locked: false })]);
    expect(h.account).toMatchObject({ id: yuanhang.id, parentId: group.id, depth: 0 });
    expect(h.siblings.map((a: { id: string }) => a.id)).toEqual([sibling.id]);
    expect(h.descendants.map((a: { id: string; depth: number; parentId: string }) => [a.id, a.depth, a.parentId])).toEqual([[sub.id, 1, yuanhang.id], [subsub.id, 2, sub.id]]);
    expect(h.truncated).toBe(false);
  });
});

describe('decision-chain graph and data scope', () => {
  it('gives an admin every node and edge', async () => {
    const g = await get(w.admin, `/api/v1/accounts/${yuanhang.id}/graph`);
    const byRecord = new Map(g.nodes.map((n: { recordId: string }) => [n.recordId, n]));
    expect(byRecord.get(yuanhang.id)).toMatchObject({ kind: 'account', position: 'center', name: '上海远航科技有限公司' });
    expect(byRecord.get(group.id)).toMatchObject({ position: 'parent', locked: false });
    expect(byRecord.get(li.id)).toMatchObject({ kind: 'contact', name: '李娜', title: 'CEO', role: 'decision_maker', influence: 'high' });
    expect(byRecord.get(wang.id)).toMatchObject({ role: 'champion', isPrimary: true });
    const kinds = g.edges.map((e: { kind: string; source: string; target: string }) => `${e.kind}:${e.source}->${e.target}`);
    expect(kinds).toContain(`reports_to:contact:${wang.id}->contact:${li.id}`);
    expect(kinds).toContain(`reports_to:contact:${zhao.id}->contact:${wang.id}`);
    expect(kinds).toContain(`parent_of:account:${group.id}->account:${yuanhang.id}`);
    expect(kinds).toContain(`works_at:contact:${li.id}->account:${yuanhang.id}`);
  });

  it('shows a rep with own scope the contacts of others only as locked nodes', async () => {
    const rep = await w.member('rep', 'Rep Liu');
    const mine = await create(rep, 'accounts', { name: 'Rep account', parentAccountId: yuanhang.id });
    const myContact = await create(rep, 'contacts', { name: 'Rep contact', title: 'Buyer' });
    const adminContact = await create(w.admin, 'contacts', { name: 'Hidden boss', title: 'Owner' });
    const linked = await inject(rep, 'POST', `/api/v1/accounts/${mine.id}/contacts`, { contactId: myContact.id, role: 'champion' });
    expect(linked.statusCode, linked.body).toBe(201);
    await inject(w.admin, 'POST', `/api/v1/accounts/${mine.id}/contacts`, { contactId: adminContact.id, role: 'decision_maker' });
    await inject(w.admin, 'PATCH', `/api/v1/accounts/${mine.id}/contacts/${myContact.id}`, { reportsToId: adminContact.id });

    const g = await get(rep, `/api/v1/accounts/${mine.id}/graph`);
    const contactsSeen = g.nodes.filter((n: { kind: string }) => n.kind === 'contact');
    expect(contactsSeen).toEqual(expect.arrayContaining([
      expect.objectContaining({ recordId: myContact.id, name: 'Rep contact', locked: false }),
      expect.objectContaining({ recordId: null, name: null, title: null, locked: true, role: 'decision_maker' }),
    ]));
    expect(JSON.stringify(g)).not.toContain(adminContact.id);
    expect(JSON.stringify(g)).not.toContain('Hidden boss');
    // The parent (the admin's) is locked too; the reporting line to the locked node stays.
    expect(g.nodes.find((n: { position: string }) => n.position === 'parent')).toMatchObject({ locked: true, name: null, recordId: null });
    expect(g.edges.filter((e: { kind: string }) => e.kind === 'reports_to')).toHaveLength(1);
    // The rep's link list leaves out what they cannot see.
    expect((await linksOf(rep, `/api/v1/accounts/${mine.id}/contacts`)).map((l) => l.contactId)).toEqual([myContact.id]);
    expect((await inject(rep, 'GET', `/api/v1/accounts/${yuanhang.id}/graph`)).statusCode).toBe(404);

    // Linking records outside the rep's scope: not found, either way round.
    expect((await inject(rep, 'POST', `/api/v1/accounts/${mine.id}/contacts`, { contactId: li.id })).statusCode).toBe(404);
    expect((await inject(rep, 'POST', `/api/v1/accounts/${yuanhang.id}/contacts`, { contactId: myContact.id })).statusCode).toBe(404);
    expect((await inject(rep, 'DELETE', `/api/v1/accounts/${yuanhang.id}/contacts/${wang.id}`)).statusCode).toBe(404);
    expect((await inject(rep, 'GET', `/api/v1/accounts/${yuanhang.id}/hierarchy`)).statusCode).toBe(404);
    const h = await get(rep, `/api/v1/accounts/${mine.id}/hierarchy`);
    expect(h.ancestors.every((a: { locked: boolean; name: string | null }) => a.locked && a.name === null)).toBe(true);
  });

  it('gives a read-only user the graph but 403 on link changes', async () => {
    const viewer = await w.member('viewer');
    expect((await get(viewer, `/api/v1/accounts/${yuanhang.id}/graph`)).nodes.length).toBeGreaterThan(3);
    const res = await inject(viewer, 'POST', `/api/v1/accounts/${yuanhang.id}/contacts`, { contactId: zhao.id });
    expect(res.statusCode).toBe(403);
    expect((await inject(viewer, 'PATCH', `/api/v1/accounts/${yuanhang.id}/contacts/${wang.id}`, { role: 'user' })).statusCode).toBe(403);
    expect((await inject(viewer, 'DELETE', `/api/v1/contacts/${wang.id}/accounts/${yuanhang.id}`)).statusCode).toBe(403);
  });

  it('does not find another workspace\'s records', async () => {
    const ws2 = await createWorkspaceWithAdmin(w.t.database, { objects: ['account', 'contact'] });
    const other = await signIn(w.t, ws2.adminUserId, ws2.workspaceId);
    for (const url of [`/api/v1/accounts/${yuanhang.id}/graph`, `/api/v1/accounts/${yuanhang.id}/hierarchy`, `/api/v1/accounts/${yuanhang.id}/contacts`, `/api/v1/contacts/${wang.id}/accounts`]) {
      expect((await inject(other, 'GET', url)).statusCode, url).toBe(404);
    }
    const theirs = await create(other, 'accounts', { name: 'Their account' });
    expect((await inject(other, 'POST', `/api/v1/accounts/${theirs.id}/contacts`, { contactId: wang.id })).statusCode).toBe(404);
  });
});

describe('links written from the account side', () => {
  it("may not change a contact's company without the right to edit the contact", async () => {
    const rep = await w.member('rep', 'Rep Sun');
    const repAccount = await create(rep, 'accounts', { name: '孙氏贸易' });
    // Shared read-only with the rep: visible, not editable.
    const lone = await create(w.admin, 'contacts', { name: '周芷若' });
    const placed = await create(w.admin, 'contacts', { name: '张无忌', accountId: globex.id });
    for (const id of [lone.id, placed.id]) {
      expect((await inject(w.admin, 'POST', '/api/v1/shares', { object: 'contact', recordId: id, userId: rep.userId, access: 'read' })).statusCode).toBe(201);
    }
    // The lone contact's first link would become its company: refused, and nothing is left behind.
    const refused = await inject(rep, 'POST', `/api/v1/accounts/${repAccount.id}/contacts`, { contactId: lone.id, role: 'user' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details.fields[0].field).toBe('isPrimary');
    expect(await storedAccountId(lone.id)).toBeNull();
    expect(await linksOf(w.admin, `/api/v1/contacts/${lone.id}/accounts`)).toEqual([]);
    // A contact who keeps their company may be linked (a secondary link), but not made primary.
    const secondary = await inject(rep, 'POST', `/api/v1/accounts/${repAccount.id}/contacts`, { contactId: placed.id, role: 'influencer' });
    expect(secondary.statusCode, secondary.body).toBe(201);
    expect(secondary.json()).toMatchObject({ isPrimary: false });
    const promote = await inject(rep, 'PATCH', `/api/v1/accounts/${repAccount.id}/contacts/${placed.id}`, { isPrimary: true });
    expect(promote.statusCode).toBe(403);
    expect(await storedAccountId(placed.id)).toBe(globex.id);
    // The admin, who may edit the contact, can.
    expect((await inject(w.admin, 'PATCH', `/api/v1/accounts/${repAccount.id}/contacts/${placed.id}`, { isPrimary: true })).statusCode).toBe(200);
    expect(await storedAccountId(placed.id)).toBe(repAccount.id);
  });
});

describe('contact role catalogue', () => {
  it('lists the built-in roles in three languages and adds a workspace role', async () => {
    const before = (await get(w.admin, '/api/v1/contact-roles')).data;
    expect(before.map((r: { key: string }) => r.key)).toEqual(['decision_maker', 'economic_buyer', 'champion', 'influencer', 'user', 'gatekeeper']);
    expect(before[0].labels).toEqual({ 'zh-CN': '决策者', 'zh-TW': '決策者', en: 'Decision maker' });

    const res = await inject(w.admin, 'POST', '/api/v1/contact-roles', { key: 'technical_evaluator', labels: { 'zh-CN': '技术评估人', 'zh-TW': '技術評估人', en: 'Technical evaluator' }, color: '#5c940d' });
    expect(res.statusCode, res.body).toBe(201);
    expect((await get(w.admin, '/api/v1/contact-roles')).data.at(-1)).toMatchObject({ key: 'technical_evaluator', builtIn: false });
    const used = await inject(w.admin, 'PATCH', `/api/v1/accounts/${yuanhang.id}/contacts/${zhao.id}`, { role: 'technical_evaluator' });
    expect(used.statusCode, used.body).toBe(200);

    const again = await inject(w.admin, 'POST', '/api/v1/contact-roles', { key: 'champion', labels: { 'zh-CN': 'x', 'zh-TW': 'x', en: 'x' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.fields[0]).toMatchObject({ field: 'key', message: 'The role key champion is already in use' });
    const rep = await w.member('rep');
    expect((await inject(rep, 'POST', '/api/v1/contact-roles', { key: 'sponsor', labels: { 'zh-CN': '发起人', 'zh-TW': '發起人', en: 'Sponsor' } })).statusCode).toBe(403);
    expect((await get(rep, '/api/v1/contact-roles')).data.map((r: { key: string }) => r.key)).toContain('technical_evaluator');
  });
});
