import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitEvents } from '@voyage/kernel';
import { createWorld, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

type Who = { headers: Record<string, string> };
const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
const dispatch = () => w.t.services.outbox.dispatch();
type Entry = { kind: string; title: string; body: string; data: Record<string, unknown>; actorName: string | null };

describe('timeline', () => {
  it('shows creation, field changes and follow-ups, and a contact follow-up on its account', async () => {
    const a = (await inject(w.admin, 'POST', '/api/v1/accounts', { name: '星辰贸易' })).json();
    const c = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: '李娜', accountId: a.id })).json();
    await inject(w.admin, 'PATCH', `/api/v1/contacts/${c.id}`, { version: 1, title: 'CFO', phone: '13900001111' });
    const f = (await inject(w.admin, 'POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: c.id, type: 'call', content: 'Discussed renewal' })).json();
    // Entries are written by subscribers, after commit.
    expect((await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}/timeline`)).json().data).toEqual([]);
    await dispatch();

    const res = await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}/timeline`);
    expect(res.statusCode).toBe(200);
    const entries: Entry[] = res.json().data;
    expect(entries.map((e) => e.kind)).toEqual(['follow_up', 'field_change', 'record_created']);
    expect(entries[0]).toMatchObject({ title: 'Call', body: 'Discussed renewal', actorName: 'Admin', data: { followUpId: f.id, type: 'call' } });
    expect(entries[1].data.changes).toEqual(expect.arrayContaining([{ field: 'title', old: null, new: 'CFO' }, { field: 'phone', old: null, new: '13900001111' }]));

    const onAccount: Entry[] = (await inject(w.admin, 'GET', `/api/v1/accounts/${a.id}/timeline?kinds=follow_up`)).json().data;
    expect(onAccount).toHaveLength(1);
    expect(onAccount[0]).toMatchObject({ kind: 'follow_up', body: 'Discussed renewal', data: { via: { type: 'contact', id: c.id } } });

    // Redelivery adds nothing; an edited follow-up shows its new content; a deleted one disappears.
    await dispatch();
    await inject(w.admin, 'PATCH', `/api/v1/follow-ups/${f.id}`, { version: 1, content: 'Discussed renewal and price' });
    await dispatch();
    const edited: Entry[] = (await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}/timeline?kinds=follow_up`)).json().data;
    expect(edited.map((e) => e.body)).toEqual(['Discussed renewal and price']);
    await inject(w.admin, 'DELETE', `/api/v1/follow-ups/${f.id}`);
    await dispatch();
    expect((await inject(w.admin, 'GET', `/api/v1/accounts/${a.id}/timeline?kinds=follow_up`)).json().data).toEqual([]);
  });

  it('filters by kinds and pages with a keyset cursor', async () => {
    const c = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Pager' })).json();
    for (let i = 0; i < 5; i++) {
      await inject(w.admin, 'POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: c.id, type: 'sms', content: `Message ${i}`, occurredAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString() });
    }
    await inject(w.admin, 'PATCH', `/api/v1/contacts/${c.id}`, { version: 1, title: 'Buyer' });
    await dispatch();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: Entry[]; nextCursor: string | null } = (await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}/timeline?kinds=follow_up&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((e: Entry) => e.body));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Message 4', 'Message 3', 'Message 2', 'Message 1', 'Message 0']);
    const two = (await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}/timeline?kinds=field_change,record_created`)).json().data;
    expect(two.map((e: Entry) => e.kind)).toEqual(['field_change', 'record_created']);
    const badCursor = await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}/timeline?cursor=nonsense`);
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error.details.fields[0].field).toBe('query.cursor');
    expect((await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}/timeline?limit=500`)).statusCode).toBe(400);
  });

  it('masks or leaves out changed fields by the role’s field rules', async () => {
    await w.t.database.query(`update roles set field_rules = $1 where workspace_id = $2 and id = $3`, [JSON.stringify({ contact: { phone: 'masked', email: 'hidden' } }), w.workspaceId, w.roleIds.viewer]);
    const viewer = await w.member('viewer', 'Viewer');
    const c = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Secret' })).json();
    await inject(w.admin, 'PATCH', `/api/v1/contacts/${c.id}`, { version: 1, phone: '13812345678', email: 's@example.com', title: 'Boss' });
    await inject(w.admin, 'PATCH', `/api/v1/contacts/${c.id}`, { version: 2, email: 't@example.com' });
    await dispatch();
    const adminView: Entry[] = (await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}/timeline?kinds=field_change`)).json().data;
    expect(adminView).toHaveLength(2);
    const viewerView: Entry[] = (await inject(viewer, 'GET', `/api/v1/contacts/${c.id}/timeline?kinds=field_change`)).json().data;
    // The email-only change is left out entirely; the other shows the phone masked and no email.
    expect(viewerView).toHaveLength(1);
    const changes = viewerView[0].data.changes as Array<{ field: string; old: unknown; new: unknown }>;
    expect(changes.map((ch) => ch.field).sort()).toEqual(['phone', 'title']);
    expect(changes.find((ch) => ch.field === 'phone')).toMatchObject({ old: null, new: '138****5678' });
    expect(JSON.stringify(viewerView)).not.toContain('13812345678');
    expect(JSON.stringify(viewerView)).not.toContain('example.com');
  });

  it('records an email sent to a contact from the mail event', async () => {
    const c = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Mailed' })).json();
    await emitEvents(w.t.database.db, { workspaceId: w.workspaceId, event: 'customers.contact.email_sent', payload: { contactId: c.id, subject: 'Your quote', messageId: null, to: 'm@example.com' }, actorUserId: w.admin.userId });
    await dispatch();
    await dispatch();
    const entries: Entry[] = (await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}/timeline?kinds=email_sent`)).json().data;
    expect(entries).toEqual([expect.objectContaining({ kind: 'email_sent', title: 'Your quote', data: { messageId: null, to: 'm@example.com' } })]);
  });

  it('answers 404 for a record outside the data scope', async () => {
    const c = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Hidden' })).json();
    const a = (await inject(w.admin, 'POST', '/api/v1/accounts', { name: 'Hidden Co' })).json();
    const rep = await w.member('rep', 'Rep');
    expect((await inject(rep, 'GET', `/api/v1/contacts/${c.id}/timeline`)).statusCode).toBe(404);
    expect((await inject(rep, 'GET', `/api/v1/accounts/${a.id}/timeline`)).statusCode).toBe(404);
    const own = (await inject(rep, 'POST', '/api/v1/contacts', { name: 'Rep own' })).json();
    await dispatch();
    const mine = await inject(rep, 'GET', `/api/v1/contacts/${own.id}/timeline`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().data.map((e: Entry) => e.kind)).toEqual(['record_created']);
  });

  it("shows a contact's follow-up on its account only to those who may see the contact", async () => {
    const rep = await w.member('rep', 'Rep Account');
    const account = (await inject(rep, 'POST', '/api/v1/accounts', { name: '远山物流' })).json();
    const mine = (await inject(rep, 'POST', '/api/v1/contacts', { name: '我的联系人', accountId: account.id })).json();
    const theirs = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: '别人的联系人', accountId: account.id })).json();
    await inject(rep, 'POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: mine.id, type: 'visit', content: '拜访仓库' });
    await inject(w.admin, 'POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: theirs.id, type: 'call', content: '报价保密' });
    await dispatch();
    const forRep: Entry[] = (await inject(rep, 'GET', `/api/v1/accounts/${account.id}/timeline?kinds=follow_up`)).json().data;
    expect(forRep.map((e) => e.body)).toEqual(['拜访仓库']);
    const forAdmin: Entry[] = (await inject(w.admin, 'GET', `/api/v1/accounts/${account.id}/timeline?kinds=follow_up`)).json().data;
    expect(forAdmin.map((e) => e.body).sort()).toEqual(['拜访仓库', '报价保密'].sort());
  });
});
