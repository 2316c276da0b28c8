import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '@voyage/kernel';
import { createTestApp, type TestApp } from '../../../test/app';
import { addMember, createWorkspaceWithAdmin, signIn, type SignedIn } from '../../../test/users';

let t: TestApp;
let workspaceId: string;
let alice: SignedIn;
let bob: SignedIn;
let bobsNotification: string;

beforeAll(async () => {
  t = await createTestApp();
  const ws = await createWorkspaceWithAdmin(t.database);
  workspaceId = ws.workspaceId;
  alice = await signIn(t, ws.adminUserId, workspaceId);
  bob = await signIn(t, await addMember(t.database, workspaceId, ws.roleIds.rep, { name: 'Bob' }), workspaceId);
  for (const n of [1, 2, 3]) {
    await notify(t.database.db, { workspaceId, userIds: [alice.userId], kind: 'task_due', title: `Call back customer #${n}`, body: 'Due today', link: `/tasks/${n}` });
  }
  [bobsNotification] = await notify(t.database.db, { workspaceId, userIds: [bob.userId], kind: 'deal_won', title: 'Deal won', dedupeKey: 'deal-1' });
});
afterAll(() => t.close());

describe('notifications', () => {
  it("lists only the signed-in user's notifications, newest first, with a cursor", async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/v1/notifications?limit=2', headers: alice.headers });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.data.map((n: { title: string }) => n.title)).toEqual(['Call back customer #3', 'Call back customer #2']);
    expect(page1.data[0]).toMatchObject({ kind: 'task_due', body: 'Due today', link: '/tasks/3', readAt: null });
    const second = await t.app.inject({ method: 'GET', url: `/api/v1/notifications?limit=2&cursor=${page1.nextCursor}`, headers: alice.headers });
    expect(second.json()).toMatchObject({ data: [{ title: 'Call back customer #1' }], nextCursor: null });
    const bobs = await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: bob.headers });
    expect(bobs.json().data.map((n: { title: string }) => n.title)).toEqual(['Deal won']);
  });

  it('counts unread, marks one read, and filters to unread', async () => {
    const count = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count', headers: alice.headers })).json().count;
    expect(await count()).toBe(3);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: alice.headers })).json();
    const read = await t.app.inject({ method: 'POST', url: `/api/v1/notifications/${list.data[0].id}/read`, headers: alice.headers });
    expect(read.statusCode).toBe(204);
    expect(await count()).toBe(2);
    // Reading it again is harmless.
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/notifications/${list.data[0].id}/read`, headers: alice.headers })).statusCode).toBe(204);
    const unread = (await t.app.inject({ method: 'GET', url: '/api/v1/notifications?unread=true', headers: alice.headers })).json();
    expect(unread.data.map((n: { id: string }) => n.id)).not.toContain(list.data[0].id);
    expect(unread.data).toHaveLength(2);
    const all = (await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: alice.headers })).json();
    expect(all.data[0].readAt).toEqual(expect.any(String));
  });

  it("answers 404 for another user's notification and leaves it unread", async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/notifications/${bobsNotification}/read`, headers: alice.headers });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count', headers: bob.headers })).json()).toEqual({ count: 1 });
  });

  it('marks all read', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: alice.headers });
    expect(res.json()).toEqual({ updated: 2 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count', headers: alice.headers })).json()).toEqual({ count: 0 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count', headers: bob.headers })).json()).toEqual({ count: 1 });
  });

  it('never notifies twice for the same dedupe key', async () => {
    const again = await notify(t.database.db, { workspaceId, userIds: [bob.userId], kind: 'deal_won', title: 'Deal won', dedupeKey: 'deal-1' });
    expect(again).toEqual([]);
  });

  it('requires a signed-in member, the CSRF token for changes, and a valid id', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: { cookie: alice.headers.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/not-a-uuid/read', headers: alice.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('params.id');
  });
});
