import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '@voyage/testing';
import { reclaimStaleRecords } from '../src/ownership/reclaim-stale-records';
import { createWorkspaceWithAdmin, createWorld, signIn, type World } from './helpers';

// The "no deal in N days" reclaim rule (未成交回收): deals come from the sales module through
// the kernel's related-activity registry; these tests drive both modules through the HTTP API.
let w: World;
let admin: SignedIn;
let workspaceId: string;
let adminUserId: string;
beforeAll(async () => {
  w = await createWorld();
  const objects = w.t.services.registry.all().flatMap((m) => (m.objects ?? []).map((o) => o.key));
  const ws = await createWorkspaceWithAdmin(w.t.database, { objects, email: 'no-deal-admin@example.com' });
  workspaceId = ws.workspaceId;
  adminUserId = ws.adminUserId;
  admin = await signIn(w.t, ws.adminUserId, ws.workspaceId);
});
afterAll(() => w.t.close());

const inject = (who: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: { ...who.headers, 'accept-language': 'en' }, payload: payload as never });
const day = 86_400_000;

describe('no-deal reclaim rule', () => {
  it('is offered while the sales module is on, and refused with the field named when it is off', async () => {
    expect((await inject(admin, 'GET', '/api/v1/customers/ownership-settings')).json().noDealRuleAvailable).toBe(true);
    expect((await inject(admin, 'PATCH', '/api/v1/modules/sales', { enabled: false })).statusCode).toBe(200);
    try {
      expect((await inject(admin, 'GET', '/api/v1/customers/ownership-settings')).json().noDealRuleAvailable).toBe(false);
      const refused = await inject(admin, 'PUT', '/api/v1/customers/ownership-settings', { noDealRuleEnabled: true });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.details.fields[0]).toMatchObject({ field: 'noDealRuleEnabled', message: expect.stringContaining('sales module') });
      expect((await inject(admin, 'GET', '/api/v1/customers/ownership-settings')).json().noDealRuleEnabled).toBe(false);
    } finally {
      expect((await inject(admin, 'PATCH', '/api/v1/modules/sales', { enabled: true })).statusCode).toBe(200);
    }
  });

  it('warns, then returns customers without a deal to the pool; an open deal or a recent win keeps them', async () => {
    const saved = await inject(admin, 'PUT', '/api/v1/customers/ownership-settings', { noDealRuleEnabled: true, levels: [
      { key: 'A', noFollowUpDays: 0, noDealDays: 90, maxOwned: 50, exempt: false },
      { key: 'B', noFollowUpDays: 0, noDealDays: 60, maxOwned: 100, exempt: false },
      { key: 'C', noFollowUpDays: 0, noDealDays: 30, maxOwned: 200, exempt: false },
    ] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ noDealRuleEnabled: true, noDealRuleAvailable: true });

    const account = async (name: string) => (await inject(admin, 'POST', '/api/v1/accounts', { name, ownerId: adminUserId })).json().id as string;
    const contact = async (name: string) => (await inject(admin, 'POST', '/api/v1/contacts', { name, ownerId: adminUserId })).json().id as string;
    const idle = await account('无商机公司');
    const withOpenDeal = await account('有在谈商机公司');
    const recentlyWon = await account('近期成交公司');
    const lonely = await contact('孤单联系人');
    const stakeholder = await contact('决策人');

    const deal = async (body: object) => {
      const res = await inject(admin, 'POST', '/api/v1/deals', { ownerId: adminUserId, ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; version: number; pipelineId: string };
    };
    const open = await deal({ name: '在谈商机', accountId: withOpenDeal });
    expect((await inject(admin, 'PUT', `/api/v1/deals/${open.id}/contacts/${stakeholder}`, { role: 'decision_maker' })).statusCode).toBe(200);
    const toWin = await deal({ name: '已成交商机', accountId: recentlyWon });
    const pipelines = (await inject(admin, 'GET', '/api/v1/pipelines')).json().data as Array<{ id: string; stages: Array<{ id: string; kind: string }> }>;
    const wonStage = pipelines.find((p) => p.id === toWin.pipelineId)!.stages.find((s) => s.kind === 'won')!;
    const won = await inject(admin, 'POST', `/api/v1/deals/${toWin.id}/move`, { stageId: wonStage.id, version: toWin.version, wonReason: '价格优势' });
    expect(won.statusCode, won.body).toBe(200);
    // The win happened 20 days into the spell (the clock of this test runs ahead through `now`).
    await w.t.database.query(`update deals set closed_at = closed_at + interval '20 days' where workspace_id = $1 and id = $2`, [workspaceId, toWin.id]);

    const start = Date.now();
    expect(await reclaimStaleRecords(w.t.database, workspaceId, new Date(start + 20 * day))).toEqual({ warned: 0, reclaimed: 0 });
    // Three days before the 30 days of level C: the owner is warned about the two idle customers.
    expect(await reclaimStaleRecords(w.t.database, workspaceId, new Date(start + 28 * day))).toEqual({ warned: 2, reclaimed: 0 });
    const warnings = await w.t.database.query<{ title: string; body: string }>(`select title, body from notifications where workspace_id = $1 and kind = 'pool_reclaim_warning' order by title`, [workspaceId]);
    expect(warnings.map((n) => n.title).join(' | ')).toMatch(/无商机公司.*\| .*孤单联系人|孤单联系人.*\| .*无商机公司/);
    expect(warnings[0].body).toContain('No deal since');

    expect(await reclaimStaleRecords(w.t.database, workspaceId, new Date(start + 32 * day))).toEqual({ warned: 0, reclaimed: 2 });
    const idleStatus = (await inject(admin, 'GET', `/api/v1/accounts/${idle}/ownership`)).json();
    expect(idleStatus).toMatchObject({ ownerId: null, poolStatus: 'pool', previousOwnerId: adminUserId });
    const history = (await inject(admin, 'GET', `/api/v1/accounts/${idle}/ownership-history`)).json().data;
    expect(history[0]).toMatchObject({ kind: 'reclaim', reason: 'no_deal_30d' });
    expect((await inject(admin, 'GET', `/api/v1/contacts/${lonely}/ownership`)).json().poolStatus).toBe('pool');

    // The open deal keeps its account and its stakeholder; the win restarted the count.
    for (const [object, id] of [['accounts', withOpenDeal], ['contacts', stakeholder], ['accounts', recentlyWon]] as const) {
      const s = (await inject(admin, 'GET', `/api/v1/${object}/${id}/ownership`)).json();
      expect(s.ownerId, `${object} ${id}`).toBe(adminUserId);
    }
    expect((await inject(admin, 'GET', `/api/v1/accounts/${withOpenDeal}/ownership`)).json()).toMatchObject({ reclaimAt: null, reclaimRule: null });
    const wonStatus = (await inject(admin, 'GET', `/api/v1/accounts/${recentlyWon}/ownership`)).json();
    expect(wonStatus.reclaimRule).toBe('no_deal');
    expect(Math.round((Date.parse(wonStatus.reclaimAt) - start) / day)).toBe(50);

    // 50 days after the win's spell began, with the warning three days old, it goes too.
    expect(await reclaimStaleRecords(w.t.database, workspaceId, new Date(start + 48 * day))).toEqual({ warned: 1, reclaimed: 0 });
    expect(await reclaimStaleRecords(w.t.database, workspaceId, new Date(start + 51 * day))).toEqual({ warned: 0, reclaimed: 1 });
    expect((await inject(admin, 'GET', `/api/v1/accounts/${recentlyWon}/ownership`)).json().poolStatus).toBe('pool');
    expect((await inject(admin, 'GET', `/api/v1/accounts/${withOpenDeal}/ownership`)).json().ownerId).toBe(adminUserId);
  });

  it('leaves settings to admins: a rep cannot switch the rule on', async () => {
    const rep = await w.member('rep', 'Pool Rep');
    const res = await inject(rep, 'PUT', '/api/v1/customers/ownership-settings', { noDealRuleEnabled: false });
    expect(res.statusCode).toBe(403);
  });
});
