import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceWithAdmin, signIn, type SignedIn } from '@voyage/testing';
import { createWorld, type World } from './helpers';

let w: World;
type Who = { headers: Record<string, string> };
type Rec = { id: string; version: number } & Record<string, unknown>;
interface PairView { id: string; score: number; reasons: string[]; status: string; a: { id: string; name: string | null; email?: string | null }; b: { id: string; name: string | null } }

const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
const create = async (who: Who, plural: 'contacts' | 'accounts', body: Record<string, unknown>): Promise<Rec> => {
  const res = await inject(who, 'POST', `/api/v1/${plural}`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const get = async (who: Who, plural: 'contacts' | 'accounts', id: string): Promise<Rec> => (await inject(who, 'GET', `/api/v1/${plural}/${id}`)).json();

/** Asks for a scan and waits for the job (run by this process's workers) to finish it. */
async function scan(who: Who, object: 'contact' | 'account') {
  const started = await inject(who, 'POST', '/api/v1/duplicates/scans', { object });
  expect(started.statusCode, started.body).toBe(202);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await inject(who, 'GET', `/api/v1/duplicates/scans/${started.json().id}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    if (s.status === 'done') return s as { found: number; added: number; progress: number };
    if (s.status === 'failed') throw new Error(`scan failed: ${s.error}`);
    if (Date.now() > deadline) throw new Error(`scan still ${s.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
async function queue(who: Who, object: 'contact' | 'account', status = 'open'): Promise<{ items: PairView[]; openCount: number; latestScan: { status: string } | null }> {
  const res = await inject(who, 'GET', `/api/v1/duplicates?object=${object}&status=${status}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const pairOf = (items: PairView[], x: string, y: string) => items.find((p) => [p.a.id, p.b.id].sort().join() === [x, y].sort().join());

let rep: SignedIn;
let viewer: SignedIn;
let acme: Rec;
let globex: Rec;
let lin1: Rec;
let lin2: Rec;
let chen1: Rec;
let chen2: Rec;
let jon1: Rec;
let jon2: Rec;
let loner: Rec;

beforeAll(async () => {
  w = await createWorld();
  await w.t.services.jobs.startWorkers();
  rep = await w.member('rep', 'Rep');
  viewer = await w.member('viewer', 'Viewer');
  acme = await create(w.admin, 'accounts', { name: 'Acme Co., Ltd.' });
  globex = await create(w.admin, 'accounts', { name: 'Globex Inc.' });
  lin1 = await create(w.admin, 'contacts', { name: '林晓峰', email: 'lin@acme.cn', accountId: acme.id, tags: ['vip'], title: null });
  lin2 = await create(w.admin, 'contacts', { name: '林晓峰 (new)', email: 'LIN@Acme.CN', title: 'CTO', tags: ['华东'] });
  chen1 = await create(w.admin, 'contacts', { name: '陈静', mobile: '138 0013 9000' });
  chen2 = await create(w.admin, 'contacts', { name: 'Jing Chen', phone: '+86 13800139000' });
  jon1 = await create(w.admin, 'contacts', { name: 'Jonathan Smithers', accountId: globex.id });
  jon2 = await create(w.admin, 'contacts', { name: 'Jonathon Smithers', accountId: globex.id });
  loner = await create(w.admin, 'contacts', { name: '赵六', email: 'zhao@example.com' });
}, 60_000);
afterAll(() => w.t.close());

describe('duplicate finder and review queue', () => {
  it('a scan finds the same email, the same phone in any format, and a similar name at one account', async () => {
    const s = await scan(w.admin, 'contact');
    expect(s.progress).toBe(100);
    expect(s.found).toBeGreaterThanOrEqual(3);
    const { items, openCount, latestScan } = await queue(w.admin, 'contact');
    expect(latestScan?.status).toBe('done');
    expect(openCount).toBe(items.length);
    expect(pairOf(items, lin1.id, lin2.id)).toMatchObject({ reasons: ['email'], score: 1 });
    expect(pairOf(items, chen1.id, chen2.id)).toMatchObject({ reasons: ['phone'], score: 1 });
    const jon = pairOf(items, jon1.id, jon2.id)!;
    expect(jon.reasons).toEqual(['name_company']);
    expect(jon.score).toBeGreaterThan(0.6);
    expect(jon.score).toBeLessThan(1);
    expect(items.some((p) => p.a.id === loner.id || p.b.id === loner.id)).toBe(false);
    // Strongest first.
    expect(items.map((p) => p.score)).toEqual([...items.map((p) => p.score)].sort((a, b) => b - a));
  });

  it('a second scan adds nothing new and keeps the same pairs', async () => {
    const before = await queue(w.admin, 'contact');
    const s = await scan(w.admin, 'contact');
    expect(s.added).toBe(0);
    const after = await queue(w.admin, 'contact');
    expect(after.items.map((p) => p.id).sort()).toEqual(before.items.map((p) => p.id).sort());
  });

  it('"not duplicates" takes a pair out of the queue for good', async () => {
    const pair = pairOf((await queue(w.admin, 'contact')).items, jon1.id, jon2.id)!;
    const res = await inject(w.admin, 'POST', `/api/v1/duplicates/${pair.id}/dismiss`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('dismissed');
    await scan(w.admin, 'contact');
    expect(pairOf((await queue(w.admin, 'contact')).items, jon1.id, jon2.id)).toBeUndefined();
    expect(pairOf((await queue(w.admin, 'contact', 'dismissed')).items, jon1.id, jon2.id)?.id).toBe(pair.id);
    expect((await inject(w.admin, 'POST', `/api/v1/duplicates/${pair.id}/dismiss`)).statusCode).toBe(409);
  });

  it('a rep sees only pairs of records in their scope; a viewer may look but not scan or dismiss', async () => {
    const mine1 = await create(rep, 'contacts', { name: '孙悟空', email: 'wukong@huaguo.cn' });
    const mine2 = await create(rep, 'contacts', { name: '孙行者', email: 'Wukong@huaguo.cn' });
    await scan(w.admin, 'contact');
    const repQueue = await queue(rep, 'contact');
    expect(repQueue.items.map((p) => [p.a.id, p.b.id].sort().join())).toEqual([[mine1.id, mine2.id].sort().join()]);
    expect(repQueue.openCount).toBe(1);
    expect((await queue(w.admin, 'contact')).items.length).toBeGreaterThan(1);
    expect((await inject(viewer, 'POST', '/api/v1/duplicates/scans', { object: 'contact' })).statusCode).toBe(403);
    const adminPair = pairOf((await queue(w.admin, 'contact')).items, chen1.id, chen2.id)!;
    expect((await inject(viewer, 'POST', `/api/v1/duplicates/${adminPair.id}/dismiss`)).statusCode).toBe(403);
    // Outside the rep's scope, the pair is not found rather than dismissed.
    expect((await inject(rep, 'POST', `/api/v1/duplicates/${adminPair.id}/dismiss`)).statusCode).toBe(404);
  });

  it('accounts: the same company name once legal suffixes are removed', async () => {
    const a1 = await create(w.admin, 'accounts', { name: '上海远航科技有限公司' });
    const a2 = await create(w.admin, 'accounts', { name: '上海远航科技股份有限公司' });
    await scan(w.admin, 'account');
    expect(pairOf((await queue(w.admin, 'account')).items, a1.id, a2.id)).toMatchObject({ reasons: ['name'] });
  });

  it('refuses a bad query with 400 naming the field', async () => {
    const res = await inject(w.admin, 'GET', '/api/v1/duplicates?object=lead');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('object');
  });
});

describe('merge', () => {
  it('moves follow-ups, lists and links to the survivor, keeps chosen values and both tag sets, and trashes the other', async () => {
    const followUp = await inject(w.admin, 'POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: lin2.id, type: 'call', content: '电话沟通续约事宜' });
    expect(followUp.statusCode, followUp.body).toBe(201);
    const list = await inject(w.admin, 'POST', '/api/v1/segments', { name: '重点客户', object: 'contact', kind: 'static' });
    expect(list.statusCode, list.body).toBe(201);
    expect((await inject(w.admin, 'POST', `/api/v1/segments/${list.json().id}/members`, { ids: [lin2.id] })).statusCode).toBe(200);
    const link = await inject(w.admin, 'POST', `/api/v1/contacts/${lin2.id}/accounts`, { accountId: globex.id, role: 'decision_maker' });
    expect(link.statusCode, link.body).toBe(201);

    const pair = pairOf((await queue(w.admin, 'contact')).items, lin1.id, lin2.id)!;
    const survivor = await get(w.admin, 'contacts', lin1.id);
    const merged = await get(w.admin, 'contacts', lin2.id);
    const res = await inject(w.admin, 'POST', '/api/v1/contacts/merge', {
      survivorId: lin1.id, mergedId: lin2.id, survivorVersion: survivor.version, mergedVersion: merged.version, pairId: pair.id,
      values: { title: 'merged', email: 'survivor', name: 'survivor' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.record).toMatchObject({ id: lin1.id, name: '林晓峰', title: 'CTO', email: 'lin@acme.cn', accountId: acme.id, followUpCount: 1 });
    expect([...(body.record.tags as string[])].sort()).toEqual(['vip', '华东'].sort());
    expect(body.moved).toMatchObject({ followUps: 1, segmentMembers: 1, accountLinks: 1 });

    // The follow-up and its timeline entry now belong to the survivor, with the merge itself.
    const timeline = (await inject(w.admin, 'GET', `/api/v1/contacts/${lin1.id}/timeline`)).json();
    const kinds = timeline.data.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('merged');
    const members = (await inject(w.admin, 'GET', `/api/v1/segments/${list.json().id}/members`)).json();
    expect(members.data.map((m: { id: string }) => m.id)).toEqual([lin1.id]);
    const links = (await inject(w.admin, 'GET', `/api/v1/contacts/${lin1.id}/accounts`)).json();
    const linkedAccounts = (links.data ?? links.items ?? links).map((l: { accountId: string }) => l.accountId).sort();
    expect(linkedAccounts).toEqual([acme.id, globex.id].sort());

    // The merged contact is in the trash, says where it went, and cannot come back.
    expect((await inject(w.admin, 'GET', `/api/v1/contacts/${lin2.id}`)).statusCode).toBe(404);
    const trash = (await inject(w.admin, 'GET', '/api/v1/contacts?trash=true')).json();
    expect(trash.data.find((c: Rec) => c.id === lin2.id)).toMatchObject({ mergedIntoId: lin1.id });
    const restore = await inject(w.admin, 'POST', `/api/v1/contacts/${lin2.id}/restore`);
    expect(restore.statusCode).toBe(422);
    expect(restore.json().error.message).toMatch(/merged/i);

    // Recorded: the pair, the audit log and an event for other modules.
    expect(pairOf((await queue(w.admin, 'contact', 'merged')).items, lin1.id, lin2.id)?.id).toBe(pair.id);
    const audit = await w.t.database.query<{ action: string; record_id: string }>(`select action, record_id from audit_log where workspace_id = $1 and object = 'contact' and action in ('merge', 'delete') and record_id in ($2, $3)`, [w.workspaceId, lin1.id, lin2.id]);
    expect(audit).toEqual(expect.arrayContaining([{ action: 'merge', record_id: lin1.id }, { action: 'delete', record_id: lin2.id }]));
    const events = await w.t.database.query<{ payload: Record<string, string> }>(`select payload from outbox where workspace_id = $1 and event = 'customers.contact.merged'`, [w.workspaceId]);
    expect(events.map((e) => e.payload)).toEqual([expect.objectContaining({ survivorId: lin1.id, mergedId: lin2.id, object: 'contact' })]);
  });

  it('refuses a record merged into itself, a record of another workspace, and a record in the trash with 422', async () => {
    const c = await get(w.admin, 'contacts', chen1.id);
    const self = await inject(w.admin, 'POST', '/api/v1/contacts/merge', { survivorId: c.id, mergedId: c.id, survivorVersion: c.version, mergedVersion: c.version });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.details.fields[0].field).toBe('mergedId');

    const other = await createWorkspaceWithAdmin(w.t.database, { objects: ['contact', 'account'] });
    const otherAdmin = await signIn(w.t, other.adminUserId, other.workspaceId);
    const foreign = (await w.t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: otherAdmin.headers, payload: { name: '陈静' } })).json();
    const cross = await inject(w.admin, 'POST', '/api/v1/contacts/merge', { survivorId: c.id, mergedId: foreign.id, survivorVersion: c.version, mergedVersion: 1 });
    expect(cross.statusCode).toBe(422);
    expect(cross.json().error.details.fields[0]).toMatchObject({ field: 'mergedId', code: 'other_workspace' });
    // Nothing of either record changed.
    expect((await get(w.admin, 'contacts', c.id)).version).toBe(c.version);

    const trashed = await get(w.admin, 'contacts', lin2.id).catch(() => null);
    expect(trashed?.id).toBeUndefined();
    const intoTrash = await inject(w.admin, 'POST', '/api/v1/contacts/merge', { survivorId: c.id, mergedId: lin2.id, survivorVersion: c.version, mergedVersion: 1 });
    expect(intoTrash.statusCode).toBe(422);
    expect(intoTrash.json().error.details.fields[0].field).toBe('mergedId');
  });

  it('refuses a stale version with 409, an unknown field with 400, and a user without the right with 403', async () => {
    const a = await get(w.admin, 'contacts', chen1.id);
    const b = await get(w.admin, 'contacts', chen2.id);
    const stale = await inject(w.admin, 'POST', '/api/v1/contacts/merge', { survivorId: a.id, mergedId: b.id, survivorVersion: a.version, mergedVersion: b.version + 5 });
    expect(stale.statusCode).toBe(409);
    const unknown = await inject(w.admin, 'POST', '/api/v1/contacts/merge', { survivorId: a.id, mergedId: b.id, survivorVersion: a.version, mergedVersion: b.version, values: { salary: 'merged' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0].field).toBe('values.salary');
    const denied = await inject(viewer, 'POST', '/api/v1/contacts/merge', { survivorId: a.id, mergedId: b.id, survivorVersion: a.version, mergedVersion: b.version });
    expect(denied.statusCode).toBe(403);
    // A rep may edit but not delete contacts, and merging deletes one: refused.
    const rep403 = await inject(rep, 'POST', '/api/v1/contacts/merge', { survivorId: a.id, mergedId: b.id, survivorVersion: a.version, mergedVersion: b.version });
    expect(rep403.statusCode).toBe(403);
    // A manager may delete, but only within their department: the admin's records are not found.
    const manager = await w.member('manager', 'Manager');
    const outOfScope = await inject(manager, 'POST', '/api/v1/contacts/merge', { survivorId: a.id, mergedId: b.id, survivorVersion: a.version, mergedVersion: b.version });
    expect(outOfScope.statusCode).toBe(404);
    expect(outOfScope.json().error.details.fields[0].field).toBe('survivorId');
    // All refused: both records are as they were.
    expect((await get(w.admin, 'contacts', a.id)).version).toBe(a.version);
    expect((await get(w.admin, 'contacts', b.id)).deletedAt).toBeNull();
  });

  it('a bad value chosen from the merged record rolls the whole merge back', async () => {
    const a = await get(w.admin, 'contacts', chen1.id);
    const b = await get(w.admin, 'contacts', chen2.id);
    const fu = await inject(w.admin, 'POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: b.id, type: 'visit', content: '上门拜访' });
    expect(fu.statusCode).toBe(201);
    const bNow = await get(w.admin, 'contacts', b.id);
    // The merged record's owner is a user id that the survivor may not take: a missing user.
    await w.t.database.query(`update contacts set owner_id = '00000000-0000-7000-8000-000000000000' where workspace_id = $1 and id = $2`, [w.workspaceId, b.id]);
    const res = await inject(w.admin, 'POST', '/api/v1/contacts/merge', { survivorId: a.id, mergedId: b.id, survivorVersion: a.version, mergedVersion: bNow.version, values: { ownerId: 'merged' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('values.ownerId');
    const follow = await w.t.database.query<{ subject_id: string }>(`select subject_id from follow_ups where workspace_id = $1 and id = $2`, [w.workspaceId, fu.json().id]);
    expect(follow[0].subject_id).toBe(b.id);
    expect((await get(w.admin, 'contacts', b.id)).deletedAt).toBeNull();
  });

  it('merging accounts moves their contacts and subsidiaries', async () => {
    const parent = await create(w.admin, 'accounts', { name: '华为技术有限公司' });
    const dup = await create(w.admin, 'accounts', { name: '华为技术股份有限公司', industry: '通信' });
    const child = await create(w.admin, 'accounts', { name: '华为终端', parentAccountId: dup.id });
    const person = await create(w.admin, 'contacts', { name: '余承东', accountId: dup.id });
    const res = await inject(w.admin, 'POST', '/api/v1/accounts/merge', { survivorId: parent.id, mergedId: dup.id, survivorVersion: parent.version, mergedVersion: dup.version, values: { industry: 'merged' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().record).toMatchObject({ name: '华为技术有限公司', industry: '通信' });
    expect(res.json().moved).toMatchObject({ contacts: 1, subsidiaries: 1 });
    expect((await get(w.admin, 'contacts', person.id)).accountId).toBe(parent.id);
    expect((await get(w.admin, 'accounts', child.id)).parentAccountId).toBe(parent.id);
  });
});
