import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '@voyage/testing';
import { createWorld, type World } from './helpers';

let w: World;
let rep: SignedIn;
type Who = { headers: Record<string, string> };
interface Stage { id: string; name: string; labels: Record<string, string>; kind: string; probability: number; requiredFields: string[]; rottingDays: number | null; version: number; position: number }
interface Pipeline { id: string; name: string; labels: Record<string, string>; isDefault: boolean; version: number; stages: Stage[] }
const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, lang?: string) =>
  w.t.app.inject({ method, url: lang ? `${url}?lang=${lang}` : url, headers: who.headers, payload: payload as never });

beforeAll(async () => {
  w = await createWorld();
  rep = await w.member('rep', 'Rep');
});
afterAll(() => w.t.close());

describe('pipelines', () => {
  it('creates the default pipeline on first use, once, with labels in three languages', async () => {
    const [a, b] = await Promise.all([inject(rep, 'GET', '/api/v1/pipelines'), inject(w.admin, 'GET', '/api/v1/pipelines')]);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.statusCode, b.body).toBe(200);
    const list = (await inject(w.admin, 'GET', '/api/v1/pipelines')).json().data as Pipeline[];
    expect(list).toHaveLength(1);
    const [p] = list;
    expect(p.isDefault).toBe(true);
    expect(p.labels).toEqual({ 'zh-CN': '新客户销售', 'zh-TW': '新客戶銷售', en: 'New business' });
    expect(p.stages.map((s) => [s.name, s.probability, s.kind])).toEqual([
      ['初步接洽', 10, 'open'], ['需求确认', 30, 'open'], ['方案报价', 60, 'open'], ['谈判审批', 80, 'open'], ['赢单', 100, 'won'], ['输单', 0, 'lost'],
    ]);
    expect(p.stages[4].labels['zh-TW']).toBe('贏單');
  });

  it('lets an admin add, change, reorder and delete stages', async () => {
    const [p] = (await inject(w.admin, 'GET', '/api/v1/pipelines')).json().data as Pipeline[];
    const added = await inject(w.admin, 'POST', `/api/v1/pipelines/${p.id}/stages`, { name: 'Demo', probability: 45, requiredFields: ['amountMinor', 'closeDate'], rottingDays: 7 });
    expect(added.statusCode, added.body).toBe(201);
    const afterAdd = added.json() as Pipeline;
    // Added before the closed stages.
    expect(afterAdd.stages.map((s) => s.name)).toEqual(['初步接洽', '需求确认', '方案报价', '谈判审批', 'Demo', '赢单', '输单']);
    const demo = afterAdd.stages.find((s) => s.name === 'Demo')!;
    expect(demo).toMatchObject({ probability: 45, requiredFields: ['amountMinor', 'closeDate'], rottingDays: 7 });

    const changed = await inject(w.admin, 'PATCH', `/api/v1/pipelines/${p.id}/stages/${demo.id}`, { version: demo.version, name: 'Live demo', probability: 50 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((changed.json() as Pipeline).stages.find((s) => s.id === demo.id)).toMatchObject({ name: 'Live demo', probability: 50, version: demo.version + 1 });
    const stale = await inject(w.admin, 'PATCH', `/api/v1/pipelines/${p.id}/stages/${demo.id}`, { version: demo.version, probability: 55 });
    expect(stale.statusCode).toBe(409);

    const ids = afterAdd.stages.map((s) => s.id);
    const order = [ids[4], ...ids.slice(0, 4), ...ids.slice(5)];
    const reordered = await inject(w.admin, 'POST', `/api/v1/pipelines/${p.id}/stages/reorder`, { stageIds: order });
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect((reordered.json() as Pipeline).stages.map((s) => s.id)).toEqual(order);
    const partial = await inject(w.admin, 'POST', `/api/v1/pipelines/${p.id}/stages/reorder`, { stageIds: order.slice(1) });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error.details.fields[0].field).toBe('stageIds');

    const removed = await inject(w.admin, 'DELETE', `/api/v1/pipelines/${p.id}/stages/${demo.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((removed.json() as Pipeline).stages.map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses to delete a stage that still has deals, naming it', async () => {
    const [p] = (await inject(w.admin, 'GET', '/api/v1/pipelines')).json().data as Pipeline[];
    const first = p.stages[0];
    expect((await inject(w.admin, 'POST', '/api/v1/deals', { name: 'Busy', stageId: first.id })).statusCode).toBe(201);
    const res = await inject(w.admin, 'DELETE', `/api/v1/pipelines/${p.id}/stages/${first.id}`, undefined, 'zh-CN');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('阶段“初步接洽”中还有 1 个商机，请先移走');
  });

  it('creates another pipeline and can make it the default', async () => {
    const res = await inject(w.admin, 'POST', '/api/v1/pipelines', { name: '续约', stages: [{ name: '待续约', probability: 50 }, { name: '已续约', kind: 'won' }, { name: '流失', kind: 'lost' }] });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Pipeline;
    expect(p.stages.map((s) => [s.name, s.probability])).toEqual([['待续约', 50], ['已续约', 100], ['流失', 0]]);
    const def = await inject(w.admin, 'PATCH', `/api/v1/pipelines/${p.id}`, { version: p.version, isDefault: true });
    expect(def.statusCode, def.body).toBe(200);
    const list = (await inject(w.admin, 'GET', '/api/v1/pipelines')).json().data as Pipeline[];
    expect(list.filter((x) => x.isDefault).map((x) => x.name)).toEqual(['续约']);
  });

  it('refuses bad input naming the field, and a pipeline without an open stage', async () => {
    const bad = await inject(w.admin, 'POST', '/api/v1/pipelines', { name: 'X', stages: [{ name: 'A', probability: 140 }] });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('probability');
    const closedOnly = await inject(w.admin, 'POST', '/api/v1/pipelines', { name: 'X', stages: [{ name: 'Won', kind: 'won' }] });
    expect(closedOnly.statusCode).toBe(400);
    expect(closedOnly.json().error.details.fields[0].field).toBe('stages');
  });

  it('refuses stage changes to a user without the settings right', async () => {
    const [p] = (await inject(rep, 'GET', '/api/v1/pipelines')).json().data as Pipeline[];
    const res = await inject(rep, 'POST', `/api/v1/pipelines/${p.id}/stages`, { name: 'Sneaky' });
    expect(res.statusCode).toBe(403);
    const patch = await inject(rep, 'PATCH', `/api/v1/pipelines/${p.id}`, { version: p.version, name: 'Mine' });
    expect(patch.statusCode).toBe(403);
  });
});
