import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import { seedDemoCustomers } from '../src/public';
import { reclaimStaleRecords } from '../src/ownership/reclaim-stale-records';
import { accounts, contacts } from '../src/db/schema';
import { accountContacts } from '../src/db/relationships';
import { segments } from '../src/db/segments';
import { followUps } from '../src/db/timeline';
import { createWorkspaceWithAdmin, createWorld, type World } from './helpers';

let w: World;
let seconds = 0;
type Who = { headers: Record<string, string> };
const inject = (who: Who, url: string) => w.t.app.inject({ method: 'GET', url, headers: who.headers });
const count = async (table: typeof accounts | typeof contacts | typeof followUps, workspaceId: string) =>
  (await w.t.database.db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.workspaceId, workspaceId)))[0].n;

beforeAll(async () => {
  w = await createWorld();
  await w.member('rep', '张婷');
  await w.member('rep', 'Michael Brown');
  await w.member('manager', '李俊');
  const started = performance.now();
  await seedDemoCustomers({ database: w.t.database, workspaceId: w.workspaceId, adminUserId: w.admin.userId });
  seconds = (performance.now() - started) / 1000;
});
afterAll(() => w.t.close());

describe('demo customers', () => {
  it('fills a workspace with a few hundred accounts and contacts with follow-ups, quickly', async () => {
    expect(await count(accounts, w.workspaceId)).toBeGreaterThanOrEqual(250);
    expect(await count(contacts, w.workspaceId)).toBeGreaterThanOrEqual(500);
    expect(await count(followUps, w.workspaceId)).toBeGreaterThan(300);
    expect(seconds).toBeLessThan(15);
    const pooled = await w.t.database.db.select({ n: sql<number>`count(*)::int` }).from(contacts).where(and(eq(contacts.workspaceId, w.workspaceId), eq(contacts.poolStatus, 'pool')));
    expect(pooled[0].n).toBeGreaterThanOrEqual(10);
    const roles = await w.t.database.db.selectDistinct({ role: accountContacts.role }).from(accountContacts).where(eq(accountContacts.workspaceId, w.workspaceId));
    expect(roles.map((r) => r.role)).toEqual(expect.arrayContaining(['decision_maker', 'influencer']));
    const segs = await w.t.database.db.select({ name: segments.name }).from(segments).where(eq(segments.workspaceId, w.workspaceId));
    expect(segs.map((s) => s.name).sort()).toEqual(['90 天未跟进', '华东 VIP 客户']);
  });

  it('keeps derived columns filled: E.164 phones, name keys, follow-up columns', async () => {
    const db = w.t.database.db;
    const mobiles = await db.select({ mobile: contacts.mobile, e164: contacts.mobileE164 }).from(contacts).where(and(eq(contacts.workspaceId, w.workspaceId), isNotNull(contacts.mobile)));
    expect(mobiles.length).toBeGreaterThan(400);
    expect(mobiles.every((m) => /^\+[1-9]\d{6,14}$/.test(m.e164 ?? ''))).toBe(true);
    const companies = await db.select({ name: accounts.name, key: accounts.nameKey, e164: accounts.phoneE164 }).from(accounts).where(eq(accounts.workspaceId, w.workspaceId));
    expect(companies.every((a) => a.key && a.e164?.startsWith('+'))).toBe(true);
    expect(companies.find((a) => a.name === '上海华信科技有限公司')?.key).toBe('上海华信科技');
    const followed = await db.select().from(contacts).where(and(eq(contacts.workspaceId, w.workspaceId), gt(contacts.followUpCount, 0))).limit(20);
    for (const c of followed) {
      const list = await db.select().from(followUps).where(and(eq(followUps.workspaceId, w.workspaceId), eq(followUps.subjectId, c.id))).orderBy(asc(followUps.occurredAt));
      expect(list).toHaveLength(c.followUpCount);
      expect(c.lastFollowUpAt).toEqual(list[list.length - 1].occurredAt);
      expect(c.lastFollowUpSummary).toBe(list[list.length - 1].content.slice(0, 200));
    }
  });

  it('is found by search, list filters and the timeline', async () => {
    const followed = await w.t.database.db.select({ id: contacts.id, name: contacts.name }).from(contacts)
      .where(and(eq(contacts.workspaceId, w.workspaceId), gt(contacts.followUpCount, 0))).orderBy(asc(contacts.name));
    const zh = followed.find((c) => /^\p{Script=Han}{3}$/u.test(c.name))!;
    const search = await inject(w.admin, `/api/v1/search?q=${encodeURIComponent(zh.name.slice(0, 2))}&types=contact`);
    expect(search.statusCode, search.body).toBe(200);
    expect(search.json().groups[0].results.map((r: { title: string }) => r.title)).toContain(zh.name);
    const vip = await inject(w.admin, `/api/v1/contacts?filter[tags][contains]=${encodeURIComponent('重点客户')}&limit=50`);
    expect(vip.statusCode, vip.body).toBe(200);
    expect(vip.json().data.length).toBeGreaterThan(5);
    expect(vip.json().data.every((c: { tags: string[] }) => c.tags.includes('重点客户'))).toBe(true);
    const timeline = await inject(w.admin, `/api/v1/contacts/${zh.id}/timeline?kinds=follow_up`);
    expect(timeline.statusCode).toBe(200);
    expect(timeline.json().data.length).toBeGreaterThanOrEqual(2);
    const segmentsRes = await inject(w.admin, '/api/v1/segments?object=contact');
    expect(segmentsRes.json().data.map((s: { name: string }) => s.name)).toContain('90 天未跟进');
  });

  it('opens without reclaim warnings: owned records were worked on recently, the pool holds the idle ones', async () => {
    expect(await reclaimStaleRecords(w.t.database, w.workspaceId, new Date())).toEqual({ warned: 0, reclaimed: 0 });
    const stale = await inject(w.admin, `/api/v1/segments?object=contact`);
    const id = stale.json().data.find((s: { name: string }) => s.name === '90 天未跟进').id;
    const members = await inject(w.admin, `/api/v1/segments/${id}/members?limit=100`);
    expect(members.statusCode, members.body).toBe(200);
    expect(members.json().data.length).toBeGreaterThan(0);
    expect(members.json().data.every((c: { ownerId: string | null }) => c.ownerId === null)).toBe(true);
  });

  it('is deterministic and runs once per workspace', async () => {
    const names = (workspaceId: string) => w.t.database.db.select({ name: contacts.name }).from(contacts).where(eq(contacts.workspaceId, workspaceId)).orderBy(asc(contacts.name));
    const other = await createWorkspaceWithAdmin(w.t.database, { objects: ['contact', 'account'] });
    await seedDemoCustomers({ database: w.t.database, workspaceId: other.workspaceId, adminUserId: other.adminUserId });
    expect(await names(other.workspaceId)).toEqual(await names(w.workspaceId));
    const before = await count(contacts, w.workspaceId);
    await seedDemoCustomers({ database: w.t.database, workspaceId: w.workspaceId, adminUserId: w.admin.userId });
    expect(await count(contacts, w.workspaceId)).toBe(before);
  });
});
