import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const inject = (method: 'POST' | 'PATCH', url: string, payload: unknown) => w.t.app.inject({ method, url, headers: w.admin.headers, payload: payload as never });

const reminders = async (followUpId: string) => ({
  notifications: (await w.t.database.query<{ user_id: string; title: string; link: string }>(`select user_id, title, link from notifications where workspace_id = $1 and kind = 'follow_up_due' and dedupe_key like $2`, [w.workspaceId, `follow_up_reminder:${followUpId}:%`])),
  mails: (await w.t.database.query<{ subject: string }>(`select subject from mail_messages where workspace_id = $1 and dedupe_key like $2`, [w.workspaceId, `follow_up_reminder:${followUpId}:%`])),
});
const finishedJobs = async () => (await w.t.database.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'customers.follow_up_reminder' and state = 'completed'`))[0].n;

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('follow-up reminders', () => {
  it('notifies and mails the owner once at the next-contact time; a moved time does not fire the old reminder', async () => {
    const c = (await inject('POST', '/api/v1/contacts', { name: '陈静' })).json();
    const soon = new Date(Date.now() + 2000).toISOString();
    const due = (await inject('POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: c.id, type: 'call', content: 'Send the contract', nextContactAt: soon })).json();
    const moved = (await inject('POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: c.id, type: 'visit', content: 'Visit', nextContactAt: soon })).json();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect((await inject('PATCH', `/api/v1/follow-ups/${moved.id}`, { version: 1, nextContactAt: later })).statusCode).toBe(200);
    const cleared = (await inject('POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: c.id, type: 'sms', content: 'Text', nextContactAt: soon })).json();
    expect((await inject('PATCH', `/api/v1/follow-ups/${cleared.id}`, { version: 1, nextContactAt: null })).statusCode).toBe(200);

    // Nothing before the due time.
    expect((await reminders(due.id)).notifications).toHaveLength(0);
    await w.t.services.jobs.startWorkers();
    // The three reminders due soon all run; only the unchanged one sends anything.
    await waitFor(async () => (await finishedJobs()) >= 3);
    const got = await reminders(due.id);
    expect(got.notifications).toEqual([{ user_id: w.admin.userId, title: 'Follow up with 陈静', link: `/contacts/${c.id}` }]);
    expect(got.mails).toEqual([{ subject: 'Reminder: follow up with 陈静' }]);
    expect((await reminders(moved.id)).notifications).toHaveLength(0);
    expect((await reminders(moved.id)).mails).toHaveLength(0);
    expect((await reminders(cleared.id)).notifications).toHaveLength(0);

    // A job delivered twice sends nothing more.
    await w.t.services.jobs.send('customers.follow_up_reminder', { workspaceId: w.workspaceId, followUpId: due.id, dueAt: new Date(soon).toISOString() });
    await waitFor(async () => (await finishedJobs()) >= 4);
    const again = await reminders(due.id);
    expect(again.notifications).toHaveLength(1);
    expect(again.mails).toHaveLength(1);
  }, 60_000);
});
