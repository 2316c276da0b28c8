import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createRecordingBus, emitEvents, schema, type DomainEvent } from '@voyage/kernel';
import { createTestApp, type TestApp } from '../../../test/app';
import { addMember, createWorkspaceWithAdmin } from '../../../test/users';

let t: TestApp;
let workspaceId: string;
let roleIds: Record<string, string>;
const bus = createRecordingBus(['test.*']);

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function emit(event: string, payload: Record<string, unknown>): Promise<string> {
  return t.database.db.transaction(async (tx) => (await emitEvents(tx, { workspaceId, event, payload }))[0]);
}

async function notificationsOf(userId: string) {
  return t.database.db.select().from(schema.notifications).where(and(eq(schema.notifications.workspaceId, workspaceId), eq(schema.notifications.userId, userId)));
}

beforeAll(async () => {
  t = await createTestApp();
  ({ workspaceId, roleIds } = await createWorkspaceWithAdmin(t.database, { name: 'Harbour Trading' }));
  t.services.outbox.subscribe(bus.subscriber);
});
afterAll(() => t.close());

describe('outbox dispatcher', () => {
  it('delivers committed events in order, once, and marks them dispatched', async () => {
    bus.clear();
    const first = await emit('test.order.placed', { n: 1 });
    const second = await emit('test.order.shipped', { n: 2 });
    await expect(t.database.db.transaction(async (tx) => {
      await emitEvents(tx, { workspaceId, event: 'test.order.cancelled', payload: {} });
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    await t.services.outbox.dispatch();
    expect(bus.events.map((e: DomainEvent) => [e.id, e.event, e.payload])).toEqual([
      [first, 'test.order.placed', { n: 1 }],
      [second, 'test.order.shipped', { n: 2 }],
    ]);
    const rows = await t.database.db.select().from(schema.outbox).where(eq(schema.outbox.workspaceId, workspaceId));
    expect(rows.filter((r) => r.event.startsWith('test.')).every((r) => r.dispatchedAt !== null)).toBe(true);
    await t.services.outbox.dispatch();
    expect(bus.events).toHaveLength(2);
  });

  it('a pass with a time limit starts no round after it; the next pass delivers the rest', async () => {
    bus.clear();
    // One round is 500 events: 501 need two.
    await t.database.db.transaction((tx) => emitEvents(tx, Array.from({ length: 501 }, (_, n) => ({ workspaceId, event: 'test.batch.item', payload: { n } }))));
    expect((await t.services.outbox.dispatch({ until: Date.now() })).events).toBe(500);
    expect(bus.events).toHaveLength(500);
    expect((await t.services.outbox.dispatch()).events).toBe(1);
    expect(bus.events.map((e) => e.payload.n)).toEqual(Array.from({ length: 501 }, (_, n) => n));
  });

  it('never applies an event twice when it is delivered again (at least once, applied once)', async () => {
    bus.clear();
    const id = await emit('test.invoice.paid', { amount: 12_800 });
    await t.services.outbox.dispatch();
    // As if the process died after the subscriber committed but before the event was marked.
    await t.database.db.update(schema.outbox).set({ dispatchedAt: null }).where(and(eq(schema.outbox.workspaceId, workspaceId), eq(schema.outbox.id, id)));
    await t.services.outbox.dispatch();
    expect(bus.events.map((e) => e.id)).toEqual([id]);
    const [row] = await t.database.db.select().from(schema.outbox).where(and(eq(schema.outbox.workspaceId, workspaceId), eq(schema.outbox.id, id)));
    expect(row.dispatchedAt).not.toBeNull();
  });

  it('retries a failing subscriber with a durable job and keeps the event pending until it succeeds', async () => {
    let failures = 1;
    const applied: string[] = [];
    const unsubscribe = t.services.outbox.subscribe({
      name: 'test.flaky_subscriber',
      events: ['test.flaky.happened'],
      async handle(_ctx, event) {
        if (failures-- > 0) throw new Error('downstream unavailable');
        applied.push(event.id);
      },
    });
    try {
      bus.clear();
      const id = await emit('test.flaky.happened', {});
      expect((await t.services.outbox.dispatch()).failures).toBe(1);
      expect(bus.events.map((e) => e.id)).toEqual([id]); // the other subscriber is not held back
      const where = and(eq(schema.outbox.workspaceId, workspaceId), eq(schema.outbox.id, id));
      const [pending] = await t.database.db.select().from(schema.outbox).where(where);
      expect(pending).toMatchObject({ dispatchedAt: null, attempts: 1 });
      const retries = await t.database.query<{ data: { eventId: string; subscriber: string } }>("select data from pgboss.job where name = 'outbox.redeliver'");
      expect(retries.map((r) => r.data)).toContainEqual({ workspaceId, eventId: id, subscriber: 'test.flaky_subscriber' });
      // The sweep leaves it to the retry job: dispatching again does not run it inline.
      await t.services.outbox.dispatch();
      expect(applied).toEqual([]);
      await t.services.outbox.redeliver({ workspaceId, eventId: id, subscriber: 'test.flaky_subscriber' });
      expect(applied).toEqual([id]);
      expect(bus.events.map((e) => e.id)).toEqual([id]);
      const [done] = await t.database.db.select().from(schema.outbox).where(where);
      expect(done.dispatchedAt).not.toBeNull();
    } finally {
      unsubscribe();
    }
  });
});

describe('member notifications (a platform subscriber)', () => {
  it('tells a new member, in their language, which workspace they joined and their role; once', async () => {
    const userId = await addMember(t.database, workspaceId, roleIds.rep, { name: '周杰' });
    await t.database.db.update(schema.users).set({ locale: 'zh-CN' }).where(eq(schema.users.id, userId));
    const eventId = await emit('platform.member.added', { userId, roleId: roleIds.rep, departmentId: null, supervisorId: null, newUser: true });
    await t.services.outbox.dispatch();
    await t.database.db.update(schema.outbox).set({ dispatchedAt: null }).where(and(eq(schema.outbox.workspaceId, workspaceId), eq(schema.outbox.id, eventId)));
    await t.database.db.delete(schema.eventDeliveries).where(and(eq(schema.eventDeliveries.workspaceId, workspaceId), eq(schema.eventDeliveries.eventId, eventId)));
    await t.services.outbox.dispatch(); // even a full redelivery finds the notification's dedupe key
    const rows = await notificationsOf(userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'member_added', title: '您已被添加到「Harbour Trading」', body: '您的角色是销售代表。', dedupeKey: eventId, readAt: null });
  });

  it('tells a member their role changed, and ignores updates that leave the role alone', async () => {
    const userId = await addMember(t.database, workspaceId, roleIds.rep, { name: 'Grace Lee' });
    await t.database.db.update(schema.users).set({ locale: 'en' }).where(eq(schema.users.id, userId));
    await emit('platform.member.updated', { userId, changes: { title: 'Key accounts' }, previous: { title: null } });
    await emit('platform.member.updated', { userId, changes: { roleId: roleIds.manager }, previous: { roleId: roleIds.rep } });
    await t.services.outbox.dispatch();
    const rows = await notificationsOf(userId);
    expect(rows.map((r) => [r.kind, r.title, r.body])).toEqual([['role_changed', 'Your role changed to Sales manager', 'Your role in Harbour Trading is now Sales manager.']]);
  });

  it('runs in the worker within moments of a nudge after commit', async () => {
    await t.services.jobs.startWorkers();
    const userId = await addMember(t.database, workspaceId, roleIds.viewer, { name: 'Lin Wei' });
    await t.database.db.update(schema.users).set({ locale: 'zh-TW' }).where(eq(schema.users.id, userId));
    const started = Date.now();
    await emit('platform.member.added', { userId, roleId: roleIds.viewer, departmentId: null, supervisorId: null, newUser: true });
    await t.services.jobs.nudgeOutbox();
    await waitFor(async () => (await notificationsOf(userId)).length === 1);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await notificationsOf(userId))[0].title).toBe('您已被加入「Harbour Trading」');
  });
});
