import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '@voyage/testing';
import { dealMergeSubscriber } from '../src/deals/deal-merge-subscriber';
import { createWorld, type World } from './helpers';

let w: World;
let rep: SignedIn;
type Who = { headers: Record<string, string> };
const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
const dispatch = () => w.t.services.outbox.dispatch();
const createRecord = async (plural: string, body: Record<string, unknown>) => {
  const res = await inject(w.admin, 'POST', `/api/v1/${plural}`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
};

beforeAll(async () => {
  w = await createWorld();
  rep = await w.member('rep', 'Rep');
});
afterAll(() => w.t.close());

describe('deals on the customers timeline', () => {
  it('shows created, stage changed, won and lost on the account and the primary contact', async () => {
    const account = await createRecord('accounts', { name: '腾讯科技' });
    const contact = await createRecord('contacts', { name: '张三', accountId: account.id });
    const [pipeline] = (await inject(w.admin, 'GET', '/api/v1/pipelines')).json().data as Array<{ stages: Array<{ id: string }> }>;
    const deal = (await inject(w.admin, 'POST', '/api/v1/deals', { name: '企业微信集成', accountId: account.id, primaryContactId: contact.id })).json();
    const moved = (await inject(w.admin, 'POST', `/api/v1/deals/${deal.id}/move`, { stageId: pipeline.stages[1].id, version: deal.version })).json();
    await inject(w.admin, 'POST', `/api/v1/deals/${deal.id}/move`, { stageId: pipeline.stages[4].id, version: moved.version, wonReason: '关系好' });
    await dispatch();
    await dispatch();
    for (const [plural, id] of [['accounts', account.id], ['contacts', contact.id]]) {
      const res = await inject(w.admin, 'GET', `/api/v1/${plural}/${id}/timeline`);
      expect(res.statusCode, res.body).toBe(200);
      const entries = (res.json().data as Array<{ kind: string; title: string; body: string | null; data: { dealId?: string } }>).filter((e) => e.kind.startsWith('deal_'));
      expect(entries.map((e) => e.kind).sort()).toEqual(['deal_created', 'deal_stage_changed', 'deal_won']);
      expect(entries.every((e) => e.data.dealId === deal.id)).toBe(true);
      expect(entries.find((e) => e.kind === 'deal_won')?.body).toBe('关系好');
      expect(entries.find((e) => e.kind === 'deal_created')?.title).toContain('企业微信集成');
    }
    // A redelivered batch adds nothing.
    await dispatch();
    const again = (await inject(w.admin, 'GET', `/api/v1/accounts/${account.id}/timeline`)).json().data as Array<{ kind: string }>;
    expect(again.filter((e) => e.kind.startsWith('deal_'))).toHaveLength(3);
  });
});

describe('merging customers', () => {
  it('moves deals, primary contacts and stakeholders to the survivor, idempotently', async () => {
    const keep = await createRecord('accounts', { name: 'Keep Co' });
    const gone = await createRecord('accounts', { name: 'Keep Co Ltd' });
    const c1 = await createRecord('contacts', { name: 'Li Lei', email: 'li@keep.example' });
    const c2 = await createRecord('contacts', { name: 'Li Lei', email: 'lilei@keep.example' });
    const d1 = (await inject(w.admin, 'POST', '/api/v1/deals', { name: 'D1', accountId: gone.id, primaryContactId: c2.id })).json();
    const d2 = (await inject(w.admin, 'POST', '/api/v1/deals', { name: 'D2', accountId: keep.id, primaryContactId: c1.id })).json();
    // c2 is also a stakeholder on D2, where c1 already is.
    expect((await inject(w.admin, 'PUT', `/api/v1/deals/${d2.id}/contacts/${c2.id}`, { role: 'influencer' })).statusCode).toBe(200);

    const mergedAccounts = await inject(w.admin, 'POST', '/api/v1/accounts/merge', { survivorId: keep.id, mergedId: gone.id, survivorVersion: keep.version, mergedVersion: gone.version });
    expect(mergedAccounts.statusCode, mergedAccounts.body).toBe(200);
    const survivor = (await inject(w.admin, 'GET', `/api/v1/contacts/${c1.id}`)).json();
    const loser = (await inject(w.admin, 'GET', `/api/v1/contacts/${c2.id}`)).json();
    const mergedContacts = await inject(w.admin, 'POST', '/api/v1/contacts/merge', { survivorId: c1.id, mergedId: c2.id, survivorVersion: survivor.version, mergedVersion: loser.version });
    expect(mergedContacts.statusCode, mergedContacts.body).toBe(200);
    await dispatch();
    await dispatch();

    const after1 = (await inject(w.admin, 'GET', `/api/v1/deals/${d1.id}`)).json();
    expect(after1).toMatchObject({ accountId: keep.id, primaryContactId: c1.id });
    const people1 = (await inject(w.admin, 'GET', `/api/v1/deals/${d1.id}/contacts`)).json().data;
    expect(people1).toEqual([expect.objectContaining({ contactId: c1.id, isPrimary: true })]);
    const people2 = (await inject(w.admin, 'GET', `/api/v1/deals/${d2.id}/contacts`)).json().data;
    expect(people2).toEqual([expect.objectContaining({ contactId: c1.id, isPrimary: true, role: 'influencer' })]);
    const byAccount = (await inject(w.admin, 'GET', `/api/v1/deals?filter[accountId]=${keep.id}&sort=name`)).json().data as Array<{ name: string }>;
    expect(byAccount.map((d) => d.name)).toEqual(['D1', 'D2']);
    // Delivered again (at-least-once), the handler changes nothing.
    const ctx = { env: w.t.env, database: w.t.database, db: w.t.database.db, workspaceId: w.workspaceId, locale: 'en' as const };
    await dealMergeSubscriber.handle(ctx, { id: 'again', workspaceId: w.workspaceId, event: 'customers.contact.merged', eventVersion: 1, payload: { object: 'contact', survivorId: c1.id, mergedId: c2.id }, actorUserId: null, occurredAt: new Date() });
    expect((await inject(w.admin, 'GET', `/api/v1/deals/${d2.id}/contacts`)).json().data).toEqual(people2);
    // The rep, who owns none of them, does not see them.
    expect((await inject(rep, 'GET', `/api/v1/deals?filter[accountId]=${keep.id}`)).json().data).toEqual([]);
  });
});
