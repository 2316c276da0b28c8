import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '@voyage/kernel';
import { createTestApp, type TestApp } from '../../../test/app';
import { addMember, createWorkspaceWithAdmin, signIn, type SignedIn } from '../../../test/users';

let t: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspaceWithAdmin>>;
let admin: SignedIn;
let manager: SignedIn;
let rep: SignedIn;

const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { ...who.headers, 'accept-language': 'en' } });

async function pages(who: SignedIn, query: string, limit: number) {
  const seen: Array<{ id: string; at: string; action: string }> = [];
  let cursor: string | null = null;
  do {
    const res = await get(who, `/api/v1/audit?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode).toBe(200);
    seen.push(...res.json().data);
    cursor = res.json().nextCursor;
  } while (cursor);
  return seen;
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspaceWithAdmin(t.database, { name: 'Audit Co' });
  admin = await signIn(t, ws.adminUserId, ws.workspaceId);
  manager = await signIn(t, await addMember(t.database, ws.workspaceId, ws.roleIds.manager, { name: 'Mia Manager' }), ws.workspaceId);
  rep = await signIn(t, await addMember(t.database, ws.workspaceId, ws.roleIds.rep), ws.workspaceId);
  for (const name of ['North', 'South', 'West']) {
    await t.app.inject({ method: 'POST', url: '/api/v1/departments', headers: admin.headers, payload: { name } });
  }
  // Rows written by one statement share one timestamp: the keyset must still page through them exactly once.
  await writeAudit(t.database.db, Array.from({ length: 5 }, (_, i) => ({ workspaceId: ws.workspaceId, action: 'export', object: 'report', recordId: `r${i}`, actorUserId: manager.userId })));
  const other = await createWorkspaceWithAdmin(t.database, { name: 'Other Co' });
  await writeAudit(t.database.db, { workspaceId: other.workspaceId, action: 'export', object: 'report', recordId: 'theirs' });
});
afterAll(() => t.close());

describe('audit log viewer (P5)', () => {
  it('needs audit.read: a rep gets 403, a manager may read', async () => {
    const res = await get(rep, '/api/v1/audit');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect((await get(manager, '/api/v1/audit')).statusCode).toBe(200);
  });

  it('lists newest first with actor names and old/new values', async () => {
    const res = await get(admin, '/api/v1/audit?object=department');
    const data = res.json().data;
    expect(data.map((e: { summary: string }) => e.summary)).toEqual(['West', 'South', 'North']);
    expect(data[0]).toMatchObject({ action: 'create', actorUserId: ws.adminUserId, actorName: 'Admin', newValues: expect.objectContaining({ name: 'West' }) });
  });

  it('pages by keyset without skipping or repeating rows that share a timestamp', async () => {
    const all = await pages(admin, '', 2);
    const ids = all.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(all.filter((e) => e.action === 'export')).toHaveLength(5);
    for (let i = 1; i < all.length; i++) expect(all[i - 1].at >= all[i].at).toBe(true);
    const unpaged = (await get(admin, '/api/v1/audit?limit=200')).json().data;
    expect(unpaged.map((e: { id: string }) => e.id)).toEqual(ids);
  });

  it('filters by actor, action, object, record and time, and keeps other workspaces out', async () => {
    const byActor = (await get(admin, `/api/v1/audit?actorUserId=${manager.userId}`)).json().data;
    expect(byActor).toHaveLength(5);
    expect(byActor[0].actorName).toBe('Mia Manager');
    expect((await get(admin, '/api/v1/audit?action=export&recordId=r3')).json().data).toHaveLength(1);
    expect((await get(admin, '/api/v1/audit?recordId=theirs')).json().data).toEqual([]);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await get(admin, `/api/v1/audit?from=${encodeURIComponent(future)}`)).json().data).toEqual([]);
    expect((await get(admin, `/api/v1/audit?to=${encodeURIComponent(future)}&object=report`)).json().data).toHaveLength(5);
    const bad = await get(admin, '/api/v1/audit?cursor=broken');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('query.cursor');
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE fail even for the database owner', async () => {
    const before = await t.database.query<{ n: number }>('select count(*)::int as n from audit_log');
    await expect(t.database.query(`update audit_log set action = 'tampered' where workspace_id = $1`, [ws.workspaceId])).rejects.toThrow(/append-only/);
    await expect(t.database.query('delete from audit_log where workspace_id = $1', [ws.workspaceId])).rejects.toThrow(/append-only/);
    await expect(t.database.exec('truncate audit_log')).rejects.toThrow(/append-only/);
    const after = await t.database.query<{ n: number }>('select count(*)::int as n from audit_log');
    expect(Number(after[0].n)).toBe(Number(before[0].n));
    const tampered = await t.database.query(`select 1 from audit_log where action = 'tampered'`);
    expect(tampered).toEqual([]);
  });
});
