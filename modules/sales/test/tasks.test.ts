import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signIn, type SignedIn } from '@voyage/testing';
import { newId, schema } from '@voyage/kernel';
import { nextOccurrence, parseRecurrence } from '../src/tasks/recurrence';
import { createWorld, type World } from './helpers';

let w: World;
let manager: SignedIn;
let teamRep: SignedIn;
let otherRep: SignedIn;
let viewer: SignedIn;
let contactId: string;

beforeAll(async () => {
  w = await createWorld();
  const departmentId = newId();
  await w.t.database.db.insert(schema.departments).values({ workspaceId: w.workspaceId, id: departmentId, name: 'East' });
  const managerId = await addMember(w.t.database, w.workspaceId, w.roleIds.manager, { name: 'Manager Wang', departmentId });
  manager = await signIn(w.t, managerId, w.workspaceId);
  teamRep = await signIn(w.t, await addMember(w.t.database, w.workspaceId, w.roleIds.rep, { name: 'Rep Li', departmentId }), w.workspaceId);
  otherRep = await signIn(w.t, await addMember(w.t.database, w.workspaceId, w.roleIds.rep, { name: 'Rep Zhao' }), w.workspaceId);
  viewer = await w.member('viewer', 'Viewer');
  contactId = (await call(w.admin, 'POST', '/api/v1/contacts', { name: '陈静' })).json().id;
});
afterAll(() => w.t.close());

function call(who: SignedIn, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  return w.t.app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as never }) });
}
const fields = (res: { json(): { error?: { details?: { fields?: Array<{ field: string }> } } } }) => res.json().error?.details?.fields?.map((f) => f.field) ?? [];

describe('tasks API', () => {
  it('links a task to a deal, and refuses a deal id that does not exist', async () => {
    const deal = await call(w.admin, 'POST', '/api/v1/deals', { name: '年度订阅续约' });
    expect(deal.statusCode, deal.body).toBe(201);
    const linked = await call(w.admin, 'POST', '/api/v1/tasks', { title: '准备续约报价', relatedType: 'deal', relatedId: deal.json().id });
    expect(linked.statusCode, linked.body).toBe(201);
    const byDeal = (await call(w.admin, 'GET', `/api/v1/tasks?relatedType=deal&relatedId=${deal.json().id}`)).json();
    expect(byDeal.data.map((t: { title: string }) => t.title)).toEqual(['准备续约报价']);
    const ghost = await call(w.admin, 'POST', '/api/v1/tasks', { title: 'x', relatedType: 'deal', relatedId: contactId });
    expect(ghost.statusCode).toBe(400);
    expect(fields(ghost)).toEqual(['relatedId']);
  });

  it('creates, reads, lists with filters, updates with a version (409 when stale), trashes and restores', async () => {
    const due = '2026-12-01T09:00:00.000Z';
    const res = await call(w.admin, 'POST', '/api/v1/tasks', { title: 'Send the quote', dueAt: due, priority: 'high', relatedType: 'contact', relatedId: contactId });
    expect(res.statusCode).toBe(201);
    const task = res.json();
    expect(task).toMatchObject({ kind: 'task', title: 'Send the quote', status: 'open', priority: 'high', dueAt: due, ownerId: w.admin.userId, relatedType: 'contact', relatedId: contactId, version: 1 });
    await call(w.admin, 'POST', '/api/v1/tasks', { title: 'Later call', dueAt: '2027-02-01T09:00:00.000Z', priority: 'low' });

    const byContact = (await call(w.admin, 'GET', `/api/v1/tasks?relatedType=contact&relatedId=${contactId}`)).json();
    expect(byContact.data.map((t: { title: string }) => t.title)).toEqual(['Send the quote']);
    const inRange = (await call(w.admin, 'GET', '/api/v1/tasks?mine=true&status=open&from=2026-11-30T00:00:00Z&to=2026-12-31T00:00:00Z')).json();
    expect(inRange.data.map((t: { title: string }) => t.title)).toEqual(['Send the quote']);
    const byPriority = (await call(w.admin, 'GET', '/api/v1/tasks?filter[priority]=low')).json();
    expect(byPriority.data.map((t: { title: string }) => t.title)).toEqual(['Later call']);
    const bad = await call(w.admin, 'GET', '/api/v1/tasks?status=someday&from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['status', 'from']);

    const updated = await call(w.admin, 'PATCH', `/api/v1/tasks/${task.id}`, { version: 1, title: 'Send the revised quote' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ title: 'Send the revised quote', version: 2 });
    const stale = await call(w.admin, 'PATCH', `/api/v1/tasks/${task.id}`, { version: 1, title: 'Old' });
    expect(stale.statusCode).toBe(409);

    expect((await call(w.admin, 'DELETE', `/api/v1/tasks/${task.id}`)).statusCode).toBe(204);
    expect((await call(w.admin, 'GET', `/api/v1/tasks/${task.id}`)).statusCode).toBe(404);
    const trash = (await call(w.admin, 'GET', '/api/v1/tasks?trash=true')).json();
    expect(trash.data.map((t: { id: string }) => t.id)).toEqual([task.id]);
    const restored = await call(w.admin, 'POST', `/api/v1/tasks/${task.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json().deletedAt).toBeNull();
  });

  it('refuses bad input with 400 naming the field', async () => {
    const missing = await call(w.admin, 'POST', '/api/v1/tasks', { dueAt: 'tomorrow' });
    expect(missing.statusCode).toBe(400);
    expect(fields(missing)).toEqual(expect.arrayContaining(['title', 'dueAt']));
    const ghost = await call(w.admin, 'POST', '/api/v1/tasks', { title: 'x', relatedType: 'account', relatedId: contactId });
    expect(ghost.statusCode).toBe(400);
    expect(fields(ghost)).toEqual(['relatedId']);
    expect(ghost.json().error.details.fields[0].message).toContain('relatedId');
    const half = await call(w.admin, 'POST', '/api/v1/tasks', { title: 'x', relatedId: contactId });
    expect(fields(half)).toEqual(['relatedType']);
    const meeting = await call(w.admin, 'POST', '/api/v1/tasks', { kind: 'meeting', title: 'Demo', startAt: '2026-12-01T10:00:00Z', endAt: '2026-12-01T09:00:00Z' });
    expect(meeting.statusCode).toBe(400);
    expect(fields(meeting)).toEqual(['endAt']);
    const rule = await call(w.admin, 'POST', '/api/v1/tasks', { title: 'x', dueAt: '2026-12-01T10:00:00Z', recurrence: 'FREQ=YEARLY' });
    expect(fields(rule)).toEqual(['recurrence']);
    const count = await call(w.admin, 'POST', '/api/v1/tasks', { title: 'x', dueAt: '2026-12-01T10:00:00Z', recurrence: 'FREQ=DAILY;COUNT=3' });
    expect(count.statusCode).toBe(400);
    expect(fields(count)).toEqual(['recurrence']);
  });

  it('keeps each user to the data scope: a rep sees and assigns only their own, a manager their team, a viewer cannot write', async () => {
    const mine = (await call(teamRep, 'POST', '/api/v1/tasks', { title: 'Rep Li task', dueAt: '2026-12-02T09:00:00Z' })).json();
    const other = (await call(otherRep, 'POST', '/api/v1/tasks', { title: 'Rep Zhao task', dueAt: '2026-12-02T09:00:00Z' })).json();
    expect((await call(teamRep, 'GET', '/api/v1/tasks')).json().data.map((t: { title: string }) => t.title)).toEqual(['Rep Li task']);
    expect((await call(teamRep, 'GET', `/api/v1/tasks/${other.id}`)).statusCode).toBe(404);
    expect((await call(teamRep, 'PATCH', `/api/v1/tasks/${other.id}`, { version: 1, title: 'Mine now' })).statusCode).toBe(404);
    const assign = await call(teamRep, 'POST', '/api/v1/tasks', { title: 'For Zhao', ownerId: otherRep.userId });
    expect(assign.statusCode).toBe(400);
    expect(fields(assign)).toEqual(['ownerId']);

    const seen = (await call(manager, 'GET', '/api/v1/tasks')).json().data.map((t: { title: string }) => t.title);
    expect(seen).toContain('Rep Li task');
    expect(seen).not.toContain('Rep Zhao task');
    const delegated = await call(manager, 'POST', '/api/v1/tasks', { title: 'Call back', ownerId: teamRep.userId });
    expect(delegated.statusCode).toBe(201);
    expect((await call(manager, 'POST', '/api/v1/tasks', { title: 'x', ownerId: otherRep.userId })).statusCode).toBe(400);
    expect((await call(manager, 'POST', `/api/v1/tasks/${mine.id}/complete`, { version: 1 })).statusCode).toBe(200);

    expect((await call(viewer, 'POST', '/api/v1/tasks', { title: 'Nope' })).statusCode).toBe(403);
    expect((await call(viewer, 'GET', `/api/v1/tasks/${other.id}`)).statusCode).toBe(200);
    expect((await call(viewer, 'POST', `/api/v1/tasks/${other.id}/complete`, { version: 1 })).statusCode).toBe(403);
    expect((await call(teamRep, 'DELETE', `/api/v1/tasks/${delegated.json().id}`)).statusCode).toBe(403);
  });

  it('completes and reopens; a recurring task creates its next occurrence with the reminder shifted', async () => {
    const res = await call(w.admin, 'POST', '/api/v1/tasks', {
      title: 'Weekly review', dueAt: '2026-11-23T09:00:00.000Z', reminderAt: '2026-11-23T08:30:00.000Z', recurrence: 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE', relatedType: 'contact', relatedId: contactId,
    });
    expect(res.statusCode).toBe(201);
    const done = await call(w.admin, 'POST', `/api/v1/tasks/${res.json().id}/complete`, { version: 1 });
    expect(done.statusCode).toBe(200);
    const { task, next } = done.json();
    expect(task).toMatchObject({ status: 'done', completedBy: w.admin.userId, version: 2 });
    expect(next).toMatchObject({ status: 'open', title: 'Weekly review', dueAt: '2026-11-25T09:00:00.000Z', reminderAt: '2026-11-25T08:30:00.000Z', recurrenceParentId: task.id, relatedId: contactId });
    expect((await call(w.admin, 'POST', `/api/v1/tasks/${task.id}/complete`, { version: 2 })).statusCode).toBe(422);
    const reopened = await call(w.admin, 'POST', `/api/v1/tasks/${task.id}/reopen`, { version: 2 });
    expect(reopened.json()).toMatchObject({ status: 'open', completedAt: null, version: 3 });
    const second = (await call(w.admin, 'POST', `/api/v1/tasks/${next.id}/complete`, { version: 1 })).json();
    expect(second.next.dueAt).toBe('2026-12-07T09:00:00.000Z');
  });

  it('creates meetings with member and contact attendees', async () => {
    const res = await call(w.admin, 'POST', '/api/v1/tasks', {
      kind: 'meeting', title: 'Kick-off', startAt: '2026-12-03T02:00:00Z', endAt: '2026-12-03T03:00:00Z', location: 'Room 1',
      attendees: { userIds: [teamRep.userId], contactIds: [contactId] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().attendees).toEqual(expect.arrayContaining([
      { userId: teamRep.userId, contactId: null, name: 'Rep Li', response: 'needs_action' },
      { userId: null, contactId, name: null, response: 'needs_action' },
    ]));
    const noTimes = await call(w.admin, 'POST', '/api/v1/tasks', { kind: 'meeting', title: 'When?' });
    expect(fields(noTimes)).toEqual(['startAt', 'endAt']);
    const stranger = await call(w.admin, 'POST', '/api/v1/tasks', { kind: 'meeting', title: 'x', startAt: '2026-12-03T02:00:00Z', endAt: '2026-12-03T03:00:00Z', attendees: { contactIds: [newId()] } });
    expect(fields(stranger)).toEqual(['attendees.contactIds']);
    const changed = await call(w.admin, 'PATCH', `/api/v1/tasks/${res.json().id}`, { version: 1, attendees: { userIds: [] , contactIds: [contactId] } });
    expect(changed.json().attendees).toEqual([{ userId: null, contactId, name: null, response: 'needs_action' }]);
  });
});

describe('recurrence rules', () => {
  const next = (rule: string, from: string) => nextOccurrence(parseRecurrence(rule)!, new Date(from))?.toISOString() ?? null;
  it('steps daily, weekly by weekday with an interval, monthly skipping short months, and stops at UNTIL', () => {
    expect(next('FREQ=DAILY;INTERVAL=3', '2026-11-30T09:00:00Z')).toBe('2026-12-03T09:00:00.000Z');
    expect(next('FREQ=WEEKLY', '2026-11-23T09:00:00Z')).toBe('2026-11-30T09:00:00.000Z');
    expect(next('FREQ=WEEKLY;BYDAY=MO,FR', '2026-11-27T09:00:00Z')).toBe('2026-11-30T09:00:00.000Z');
    expect(next('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE', '2026-11-25T09:00:00Z')).toBe('2026-12-07T09:00:00.000Z');
    expect(next('FREQ=MONTHLY', '2026-01-31T09:00:00Z')).toBe('2026-03-31T09:00:00.000Z');
    expect(next('FREQ=MONTHLY;INTERVAL=2', '2026-11-15T09:00:00Z')).toBe('2027-01-15T09:00:00.000Z');
    expect(next('FREQ=DAILY;UNTIL=20261201', '2026-12-01T09:00:00Z')).toBeNull();
    for (const bad of ['FREQ=HOURLY', 'FREQ=DAILY;BYDAY=MO', 'FREQ=WEEKLY;BYDAY=XX', 'FREQ=DAILY;INTERVAL=0', 'FREQ=DAILY;COUNT=2']) expect(parseRecurrence(bad)).toBeNull();
  });
});

describe('task reminders', () => {
  const sent = async (taskId: string) => ({
    notifications: await w.t.database.query<{ user_id: string; title: string }>(`select user_id, title from notifications where workspace_id = $1 and kind = 'task_due' and dedupe_key like $2`, [w.workspaceId, `task_reminder:${taskId}:%`]),
    mails: await w.t.database.query<{ subject: string }>(`select subject from mail_messages where workspace_id = $1 and dedupe_key like $2`, [w.workspaceId, `task_reminder:${taskId}:%`]),
  });
  const finished = async () => (await w.t.database.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'sales.task_reminder' and state = 'completed'`))[0].n;
  async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > until) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('notifies and mails the assignee once; moved, completed or deleted tasks send nothing', async () => {
    const soon = new Date(Date.now() + 2000).toISOString();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const create = async (title: string) => (await call(manager, 'POST', '/api/v1/tasks', { title, ownerId: teamRep.userId, dueAt: later, reminderAt: soon })).json();
    const due = await create('Prepare the demo');
    const moved = await create('Moved');
    expect((await call(manager, 'PATCH', `/api/v1/tasks/${moved.id}`, { version: 1, reminderAt: later })).statusCode).toBe(200);
    const completed = await create('Completed');
    expect((await call(manager, 'POST', `/api/v1/tasks/${completed.id}/complete`, { version: 1 })).statusCode).toBe(200);
    const deleted = await create('Deleted');
    expect((await call(manager, 'DELETE', `/api/v1/tasks/${deleted.id}`)).statusCode).toBe(204);

    expect((await sent(due.id)).notifications).toHaveLength(0);
    await w.t.services.jobs.startWorkers();
    await waitFor(async () => (await finished()) >= 4);
    const got = await sent(due.id);
    expect(got.notifications).toEqual([{ user_id: teamRep.userId, title: 'Reminder: Prepare the demo' }]);
    expect(got.mails).toEqual([{ subject: 'Task reminder: Prepare the demo' }]);
    for (const t of [moved, completed, deleted]) expect(await sent(t.id)).toEqual({ notifications: [], mails: [] });

    // A job delivered twice sends nothing more.
    await w.t.services.jobs.send('sales.task_reminder', { workspaceId: w.workspaceId, taskId: due.id, reminderAt: soon });
    await waitFor(async () => (await finished()) >= 5);
    expect((await sent(due.id)).notifications).toHaveLength(1);
    expect((await sent(due.id)).mails).toHaveLength(1);
  }, 60_000);
});
