import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDeals } from '../src/demo/seed-demo-deals';
import { seedDemoProducts } from '../src/demo/seed-demo-products';
import { createWorld, type World } from './helpers';

let w: World;
beforeAll(async () => { w = await createWorld(); });
afterAll(() => w.t.close());

describe('demo deals', () => {
  it('seeds ~40 deals with lines, reasons, competitors, stakeholders and tasks around today, once', async () => {
    const rep = await w.member('rep', '张婷');
    const inject = (method: 'POST' | 'GET', url: string, payload?: unknown) => w.t.app.inject({ method, url, headers: w.admin.headers, payload: payload as never });
    for (let i = 0; i < 3; i++) {
      const account = (await inject('POST', '/api/v1/accounts', { name: `演示公司${i}` })).json();
      await inject('POST', '/api/v1/contacts', { name: `联系人${i}`, accountId: account.id });
    }
    const ctx = { database: w.t.database, workspaceId: w.workspaceId, adminUserId: w.admin.userId, userIds: { east_rep: rep.userId } };
    await seedDemoProducts(ctx);
    await seedDemoDeals(ctx);
    await seedDemoDeals(ctx);
    const q = <T>(sql: string) => w.t.database.query<T>(sql, [w.workspaceId]);
    const byStatus = await q<{ status: string; n: string; reasons: string; lines: string }>(
      `select status, count(*) n, count(close_reason_id) reasons, count(*) filter (where has_lines) lines from deals where workspace_id = $1 group by status order by status`);
    expect(byStatus.map((r) => [r.status, Number(r.n), Number(r.reasons)])).toEqual([['lost', 6, 6], ['open', 26, 0], ['won', 8, 8]]);
    expect(byStatus.every((r) => Number(r.lines) === Number(r.n))).toBe(true);
    const closed = await q<{ oldest: Date }>(`select min(closed_at) oldest from deals where workspace_id = $1 and status <> 'open'`);
    expect(Date.now() - new Date(closed[0].oldest).getTime()).toBeGreaterThan(60 * 86_400_000);
    expect(Number((await q<{ n: string }>(`select count(*) n from deal_contacts where workspace_id = $1`))[0].n)).toBeGreaterThan(0);
    expect(Number((await q<{ n: string }>(`select count(*) n from deal_competitors where workspace_id = $1 and status = 'lost_to'`))[0].n)).toBe(3);
    const when = await q<{ overdue: string; upcoming: string; total: string }>(
      `select count(*) total, count(*) filter (where coalesce(due_at, start_at) < now() - interval '12 hours') overdue, count(*) filter (where coalesce(due_at, start_at) > now() + interval '24 hours') upcoming from tasks where workspace_id = $1 and related_type = 'deal'`);
    expect(Number(when[0].total)).toBe(30);
    expect(Number(when[0].overdue)).toBeGreaterThan(0);
    expect(Number(when[0].upcoming)).toBeGreaterThan(0);
    // The rep sees their own deals on the board, some of them marked stalled by the default 14 days.
    const list = (await w.t.app.inject({ method: 'GET', url: '/api/v1/deals?filter[status]=open&limit=100', headers: rep.headers })).json().data as Array<{ ownerId: string }>;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((d) => d.ownerId === rep.userId)).toBe(true);
  });
});
