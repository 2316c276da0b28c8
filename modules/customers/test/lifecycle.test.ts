import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const inject = (who: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });

describe('lifecycle stages', () => {
  it('records every stage change with from, to, actor and source, newest first', async () => {
    const c = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: '王芳', lifecycleStage: 'subscriber' })).json();
    const p1 = await inject(w.admin, 'PATCH', `/api/v1/contacts/${c.id}`, { version: 1, lifecycleStage: 'lead' });
    expect(p1.statusCode).toBe(200);
    await inject(w.admin, 'PATCH', `/api/v1/contacts/${c.id}`, { version: 2, title: 'CTO' });
    await inject(w.admin, 'PATCH', `/api/v1/contacts/${c.id}`, { version: 3, lifecycleStage: 'mql' });
    const res = await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}/lifecycle`);
    expect(res.statusCode).toBe(200);
    expect(res.json().data.map((h: { fromStage: string | null; toStage: string }) => [h.fromStage, h.toStage])).toEqual([['lead', 'mql'], ['subscriber', 'lead'], [null, 'subscriber']]);
    expect(res.json().data[0]).toMatchObject({ actorUserId: w.admin.userId, source: 'app', actorName: expect.any(String) });
  });

  it('refuses an unknown stage, naming the field', async () => {
    const res = await inject(w.admin, 'POST', '/api/v1/accounts', { name: 'Bad stage Ltd', lifecycleStage: 'prospect' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('lifecycleStage');
  });

  it('rolls the history back with a refused change (same transaction)', async () => {
    const c = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Stale', lifecycleStage: 'lead' })).json();
    const stale = await inject(w.admin, 'PATCH', `/api/v1/contacts/${c.id}`, { version: 9, lifecycleStage: 'sql' });
    expect(stale.statusCode).toBe(409);
    expect((await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}/lifecycle`)).json().data).toHaveLength(1);
  });

  it('counts records entering each stage and the conversion between stages', async () => {
    const ids: string[] = [];
    for (const name of ['F1', 'F2', 'F3', 'F4']) ids.push((await inject(w.admin, 'POST', '/api/v1/accounts', { name, lifecycleStage: 'subscriber' })).json().id);
    await inject(w.admin, 'PATCH', `/api/v1/accounts/${ids[0]}`, { version: 1, lifecycleStage: 'lead' });
    await inject(w.admin, 'PATCH', `/api/v1/accounts/${ids[1]}`, { version: 1, lifecycleStage: 'lead' });
    await inject(w.admin, 'PATCH', `/api/v1/accounts/${ids[0]}`, { version: 2, lifecycleStage: 'mql' });
    await inject(w.admin, 'PATCH', `/api/v1/accounts/${ids[3]}`, { version: 1, lifecycleStage: 'churned' });
    const res = await inject(w.admin, 'GET', '/api/v1/customers/lifecycle/funnel?object=account');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const byStage = Object.fromEntries(body.stages.map((s: { stage: string }) => [s.stage, s]));
    expect(byStage.subscriber).toEqual({ stage: 'subscriber', entered: 4, conversionToNext: 0.5 });
    expect(byStage.lead).toEqual({ stage: 'lead', entered: 2, conversionToNext: 0.5 });
    expect(byStage.mql).toEqual({ stage: 'mql', entered: 1, conversionToNext: 0 });
    expect(byStage.sql).toEqual({ stage: 'sql', entered: 0, conversionToNext: null });
    expect(body.churned).toBe(1);
    const past = (await inject(w.admin, 'GET', '/api/v1/customers/lifecycle/funnel?object=account&from=2020-01-01&to=2020-12-31')).json();
    expect(past.stages.every((s: { entered: number }) => s.entered === 0)).toBe(true);
    expect((await inject(w.admin, 'GET', '/api/v1/customers/lifecycle/funnel?object=deal')).statusCode).toBe(400);
  });

  it('keeps history and funnel within the data scope', async () => {
    const rep = await w.member('rep', 'Lifecycle rep');
    const other = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Not yours', lifecycleStage: 'lead' })).json();
    expect((await inject(rep, 'GET', `/api/v1/contacts/${other.id}/lifecycle`)).statusCode).toBe(404);
    await inject(rep, 'POST', '/api/v1/contacts', { name: 'Mine', lifecycleStage: 'customer' });
    const funnel = (await inject(rep, 'GET', '/api/v1/customers/lifecycle/funnel?object=contact')).json();
    expect(funnel.stages.find((s: { stage: string }) => s.stage === 'customer').entered).toBe(1);
    expect(funnel.stages.find((s: { stage: string }) => s.stage === 'lead').entered).toBe(0);
  });
});
