import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '@voyage/testing';
import { reclaimStaleRecords } from '../src/ownership/reclaim-stale-records';
import { createWorkspaceWithAdmin, createWorld, signIn, type World } from './helpers';

let w: World;
let rep1: SignedIn;
let rep2: SignedIn;
beforeAll(async () => {
  w = await createWorld();
  rep1 = await w.member('rep', 'Rep One');
  rep2 = await w.member('rep', 'Rep Two');
});
afterAll(() => w.t.close());

const inject = (who: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: { ...who.headers, 'accept-language': 'en' }, payload: payload as never });
const pooled = async (name: string, extra: object = {}) => {
  const res = await inject(w.admin, 'POST', '/api/v1/contacts', { name, ownerId: null, ...extra });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
};

describe('public pool (公海)', () => {
  it('lists ownerless records with the claim limits; settings are admin only', async () => {
    const id = await pooled('公海客户一');
    const list = await inject(rep1, 'GET', '/api/v1/pool/contacts');
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((r: { id: string }) => r.id)).toContain(id);
    expect(list.json().limits).toMatchObject({ claimedToday: 0, claimDailyLimit: 10, owned: [{ level: 'A', owned: 0, max: 50 }, { level: 'B', owned: 0, max: 100 }, { level: 'C', owned: 0, max: 200 }] });
    expect((await inject(rep1, 'PUT', '/api/v1/customers/ownership-settings', { claimDailyLimit: 99 })).statusCode).toBe(403);
    const set = await inject(w.admin, 'PUT', '/api/v1/customers/ownership-settings', { claimDailyLimit: 2, cooldownDays: 7 });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ claimDailyLimit: 2, cooldownDays: 7, warnDaysBefore: 3, noDealRuleEnabled: false, noDealRuleAvailable: true });
    expect((await inject(w.admin, 'PUT', '/api/v1/customers/ownership-settings', { claimDailyLimit: -1 })).statusCode).toBe(400);
  });

  it('lets exactly one of two reps claiming at once win; the other gets 409', async () => {
    const id = await pooled('抢单客户');
    const [a, b] = await Promise.all([inject(rep1, 'POST', `/api/v1/pool/contacts/${id}/claim`), inject(rep2, 'POST', `/api/v1/pool/contacts/${id}/claim`)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error).toMatchObject({ code: 'customers.pool_already_claimed', message: 'Someone else has just claimed this record' });
    const winner = a.statusCode === 200 ? rep1 : rep2;
    const status = (await inject(winner, 'GET', `/api/v1/contacts/${id}/ownership`)).json();
    expect(status).toMatchObject({ ownerId: winner.userId, poolStatus: null });
    const log = await w.t.database.query<{ kind: string; to_owner_id: string }>(`select kind, to_owner_id from ownership_transfers where workspace_id = $1 and record_id = $2`, [w.workspaceId, id]);
    expect(log).toEqual([{ kind: 'claim', to_owner_id: winner.userId }]);
  });

  it('stops a rep at the daily claim limit with 422', async () => {
    const rep = await w.member('rep', 'Busy rep');
    const ids = [await pooled('L1'), await pooled('L2'), await pooled('L3')];
    expect((await inject(rep, 'POST', `/api/v1/pool/contacts/${ids[0]}/claim`)).statusCode).toBe(200);
    const second = await inject(rep, 'POST', `/api/v1/pool/contacts/${ids[1]}/claim`);
    expect(second.statusCode).toBe(200);
    expect(second.json().limits.claimedToday).toBe(2);
    const third = await inject(rep, 'POST', `/api/v1/pool/contacts/${ids[2]}/claim`, undefined);
    expect(third.statusCode).toBe(422);
    expect(third.json().error).toMatchObject({ code: 'customers.pool_daily_limit', message: "You have reached today's claim limit of 2" });
  });

  it('makes the previous owner wait out the cooldown, naming the date', async () => {
    const id = (await inject(rep2, 'POST', '/api/v1/contacts', { name: 'Cooldown', ownerId: rep2.userId })).json().id;
    expect((await inject(rep2, 'POST', `/api/v1/contacts/${id}/release`, { reason: '暂无需求' })).statusCode).toBe(204);
    const pool = (await inject(rep2, 'GET', '/api/v1/pool/contacts')).json();
    const row = pool.data.find((r: { id: string }) => r.id === id);
    expect(row).toMatchObject({ previousOwnerId: rep2.userId, previousOwnerName: 'Rep Two', cooldownUntil: expect.any(String) });
    const again = await inject(rep2, 'POST', `/api/v1/pool/contacts/${id}/claim`);
    expect(again.statusCode).toBe(422);
    const date = row.cooldownUntil.slice(0, 10);
    expect(again.json().error.code).toBe('customers.pool_cooldown');
    expect(again.json().error.message).toBe(`You released this record recently and can claim it again from ${date}`);
    const zh = await w.t.app.inject({ method: 'POST', url: `/api/v1/pool/contacts/${id}/claim`, headers: { ...rep2.headers, 'accept-language': 'zh-CN' } });
    expect(zh.json().error.message).toBe(`您最近释放过该记录，${date} 起才能再次领取`);
  });

  it('limits owned records per customer level', async () => {
    await inject(w.admin, 'PUT', '/api/v1/customers/ownership-settings', { claimDailyLimit: 10, levels: [
      { key: 'A', noFollowUpDays: 30, noDealDays: 90, maxOwned: 1, exempt: false },
      { key: 'B', noFollowUpDays: 15, noDealDays: 60, maxOwned: 100, exempt: false },
      { key: 'C', noFollowUpDays: 7, noDealDays: 30, maxOwned: 200, exempt: false },
    ] });
    const rep = await w.member('rep', 'Level rep');
    const a1 = await pooled('A1');
    const a2 = await pooled('A2');
    for (const id of [a1, a2]) expect((await inject(w.admin, 'PATCH', `/api/v1/contacts/${id}/ownership`, { customerLevel: 'A' })).statusCode).toBe(200);
    expect((await inject(rep, 'POST', `/api/v1/pool/contacts/${a1}/claim`)).statusCode).toBe(200);
    const over = await inject(rep, 'POST', `/api/v1/pool/contacts/${a2}/claim`);
    expect(over.statusCode).toBe(422);
    expect(over.json().error.message).toBe('You already own 1 level A customers, the most allowed');
    expect((await inject(rep, 'PATCH', `/api/v1/contacts/${a2}/ownership`, { customerLevel: 'C' })).statusCode).toBe(404);
  });

  it('hides the pool from roles the setting leaves out', async () => {
    await inject(w.admin, 'PUT', '/api/v1/customers/ownership-settings', { poolVisibleRoleIds: [w.roleIds.manager] });
    const res = await inject(rep1, 'GET', '/api/v1/pool/contacts');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('customers.pool_not_visible');
    const manager = await w.member('manager', 'Pool manager');
    expect((await inject(manager, 'GET', '/api/v1/pool/contacts')).statusCode).toBe(200);
    await inject(w.admin, 'PUT', '/api/v1/customers/ownership-settings', { poolVisibleRoleIds: null });
  });
});

describe('reclaim job', () => {
  it('warns once, then returns a stale record to the pool; exempt records stay', async () => {
    const objects = w.t.services.registry.all().flatMap((m) => (m.objects ?? []).map((o) => o.key));
    const ws = await createWorkspaceWithAdmin(w.t.database, { objects, email: 'reclaim-admin@example.com' });
    const admin = await signIn(w.t, ws.adminUserId, ws.workspaceId);
    await inject(admin, 'PUT', '/api/v1/customers/ownership-settings', { exemptTags: ['战略客户'], levels: [
      { key: 'A', noFollowUpDays: 30, noDealDays: 90, maxOwned: 50, exempt: true },
      { key: 'B', noFollowUpDays: 15, noDealDays: 60, maxOwned: 100, exempt: false },
      { key: 'C', noFollowUpDays: 7, noDealDays: 30, maxOwned: 200, exempt: false },
    ] });
    const create = async (body: object) => (await inject(admin, 'POST', '/api/v1/contacts', { ownerId: ws.adminUserId, ...body })).json().id as string;
    const stale = await create({ name: 'Stale C' });
    const flagged = await create({ name: 'Flagged' });
    const tagged = await create({ name: 'Tagged', tags: ['战略客户'] });
    const levelA = await create({ name: 'Level A' });
    await inject(admin, 'PATCH', `/api/v1/contacts/${flagged}/ownership`, { reclaimExempt: true });
    await inject(admin, 'PATCH', `/api/v1/contacts/${levelA}/ownership`, { customerLevel: 'A' });
    const day = 86_400_000;
    const start = Date.now();

    expect(await reclaimStaleRecords(w.t.database, ws.workspaceId, new Date(start + 3 * day))).toEqual({ warned: 0, reclaimed: 0 });
    expect(await reclaimStaleRecords(w.t.database, ws.workspaceId, new Date(start + 5 * day))).toEqual({ warned: 1, reclaimed: 0 });
    expect(await reclaimStaleRecords(w.t.database, ws.workspaceId, new Date(start + 6 * day))).toEqual({ warned: 0, reclaimed: 0 });
    const notes = await w.t.database.query<{ title: string; user_id: string }>(`select title, user_id from notifications where workspace_id = $1 and kind = 'pool_reclaim_warning'`, [ws.workspaceId]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ user_id: ws.adminUserId, title: expect.stringContaining('Stale C') });
    const mails = await w.t.database.query<{ to_address: string }>(`select to_address from mail_messages where workspace_id = $1 and subject like '%Stale C%'`, [ws.workspaceId]);
    expect(mails).toEqual([{ to_address: 'reclaim-admin@example.com' }]);

    expect(await reclaimStaleRecords(w.t.database, ws.workspaceId, new Date(start + 9 * day))).toEqual({ warned: 0, reclaimed: 1 });
    const status = (await inject(admin, 'GET', `/api/v1/contacts/${stale}/ownership`)).json();
    expect(status).toMatchObject({ ownerId: null, poolStatus: 'pool', previousOwnerId: ws.adminUserId });
    const history = (await inject(admin, 'GET', `/api/v1/contacts/${stale}/ownership-history`)).json().data;
    expect(history[0]).toMatchObject({ kind: 'reclaim', fromOwnerId: ws.adminUserId, toOwnerId: null, actorUserId: null, reason: 'no_follow_up_7d' });
    const lost = await w.t.database.query<{ title: string }>(`select title from notifications where workspace_id = $1 and kind = 'pool_reclaimed'`, [ws.workspaceId]);
    expect(lost).toEqual([{ title: expect.stringContaining('Stale C') }]);
    for (const id of [flagged, tagged, levelA]) expect((await inject(admin, 'GET', `/api/v1/contacts/${id}/ownership`)).json().ownerId).toBe(ws.adminUserId);
    expect((await w.t.database.query(`select 1 from notifications where workspace_id = $1 and kind = 'pool_reclaim_warning'`, [ws.workspaceId]))).toHaveLength(1);
    expect(await reclaimStaleRecords(w.t.database, ws.workspaceId, new Date(start + 10 * day))).toEqual({ warned: 0, reclaimed: 0 });
  });

  it('is registered as a job that runs every workspace', async () => {
    expect(w.t.services.jobs.names).toContain('customers.pool-reclaim');
  });
});
