import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signIn, type SignedIn } from '@voyage/testing';
import { stalledDays } from '@voyage/contracts';
import { sweepStalledDeals } from '../src/deals/stall/sweep-stalled-deals';
import { createWorld, type World } from './helpers';

let w: World;
let boss: SignedIn;
let rep: SignedIn;
const DAY = 86_400_000;
type Who = { headers: Record<string, string> };
const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: { ...who.headers, 'accept-language': 'en' }, payload: payload as never });
const sweep = (at: number) => sweepStalledDeals(w.t.database, w.workspaceId, new Date(at));
const notes = (userId: string) => w.t.database.query<{ title: string; link: string }>(`select title, link from notifications where workspace_id = $1 and user_id = $2 and kind = 'deal_stalled' order by created_at`, [w.workspaceId, userId]);
const mails = (to: string) => w.t.database.query<{ subject: string }>(`select subject from mail_messages where workspace_id = $1 and to_address = $2 order by created_at`, [w.workspaceId, to]);
const emailOf = async (userId: string) => (await w.t.database.query<{ email: string }>('select email from users where id = $1', [userId]))[0].email;

beforeAll(async () => {
  w = await createWorld();
  boss = await w.member('manager', 'Boss');
  rep = await signIn(w.t, await addMember(w.t.database, w.workspaceId, w.roleIds.rep, { name: 'Idle Rep', supervisorId: boss.userId }), w.workspaceId);
});
afterAll(() => w.t.close());

describe('stalled-deal alerts', () => {
  it('tells the owner once after 14 idle days, the supervisor once 7 days later, and starts over after activity', async () => {
    const created = await inject(rep, 'POST', '/api/v1/deals', { name: '沉睡的商机' });
    expect(created.statusCode, created.body).toBe(201);
    const deal = created.json() as { id: string; version: number; lastActivityAt: string };
    const start = new Date(deal.lastActivityAt).getTime();

    expect(await sweep(start + 13 * DAY)).toEqual({ notified: 0, escalated: 0 });
    expect(await sweep(start + 14 * DAY + 60_000)).toEqual({ notified: 1, escalated: 0 });
    expect(await sweep(start + 15 * DAY)).toEqual({ notified: 0, escalated: 0 });
    expect((await notes(rep.userId)).map((n) => [n.title, n.link])).toEqual([['Deal "沉睡的商机" has had no activity for 14 days', `/deals/${deal.id}`]]);
    expect((await mails(await emailOf(rep.userId))).map((m) => m.subject)).toEqual(['Deal "沉睡的商机" has had no activity for 14 days']);
    expect(await notes(boss.userId)).toEqual([]);

    expect(await sweep(start + 21 * DAY + 60_000)).toEqual({ notified: 0, escalated: 1 });
    expect(await sweep(start + 22 * DAY)).toEqual({ notified: 0, escalated: 0 });
    expect((await notes(boss.userId)).map((n) => n.title)).toEqual(['Deal "沉睡的商机" of Idle Rep has been idle for 21 days']);

    // A stakeholder-free edit is activity: the marks clear, and the next idle spell alerts again.
    const edited = await inject(rep, 'PATCH', `/api/v1/deals/${deal.id}`, { version: deal.version, closeDate: '2030-01-31' });
    expect(edited.statusCode, edited.body).toBe(200);
    const again = new Date(edited.json().lastActivityAt).getTime();
    expect(await sweep(again + 13 * DAY)).toEqual({ notified: 0, escalated: 0 });
    expect(await sweep(again + 14 * DAY + 60_000)).toEqual({ notified: 1, escalated: 0 });
    expect(await notes(rep.userId)).toHaveLength(2);
  });

  it('follows the pipeline\'s settings: other days, or switched off', async () => {
    const [pipeline] = (await inject(w.admin, 'GET', '/api/v1/pipelines')).json().data as Array<{ id: string }>;
    const defaults = await inject(rep, 'GET', `/api/v1/pipelines/${pipeline.id}/stall-settings`);
    expect(defaults.json()).toEqual({ pipelineId: pipeline.id, enabled: true, stallDays: 14, escalateAfterDays: 7, version: 0 });
    expect((await inject(rep, 'PUT', `/api/v1/pipelines/${pipeline.id}/stall-settings`, { version: 0, stallDays: 3 })).statusCode).toBe(403);
    const bad = await inject(w.admin, 'PUT', `/api/v1/pipelines/${pipeline.id}/stall-settings`, { version: 0, stallDays: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('stallDays');
    const set = await inject(w.admin, 'PUT', `/api/v1/pipelines/${pipeline.id}/stall-settings`, { version: 0, stallDays: 3, escalateAfterDays: 2 });
    expect(set.json()).toMatchObject({ stallDays: 3, escalateAfterDays: 2, version: 1 });
    expect((await inject(w.admin, 'PUT', `/api/v1/pipelines/${pipeline.id}/stall-settings`, { version: 0, enabled: false })).statusCode).toBe(409);

    const d = (await inject(rep, 'POST', '/api/v1/deals', { name: 'Short fuse' })).json() as { id: string; lastActivityAt: string; status: string };
    const start = new Date(d.lastActivityAt).getTime();
    expect(stalledDays(d, { enabled: true, stallDays: 3 }, new Date(start + 3 * DAY + 1000))).toBe(3);
    const before = (await notes(rep.userId)).length;
    expect(await sweep(start + 3 * DAY + 60_000)).toMatchObject({ notified: 1 });
    expect((await notes(rep.userId)).map((n) => n.title)).toContain('Deal "Short fuse" has had no activity for 3 days');
    expect((await notes(rep.userId)).length).toBe(before + 1);

    await inject(w.admin, 'PUT', `/api/v1/pipelines/${pipeline.id}/stall-settings`, { version: 1, enabled: false });
    const quiet = (await inject(rep, 'POST', '/api/v1/deals', { name: 'Switched off' })).json() as { lastActivityAt: string };
    expect(await sweep(new Date(quiet.lastActivityAt).getTime() + 60 * DAY)).toEqual({ notified: 0, escalated: 0 });
  });
});
