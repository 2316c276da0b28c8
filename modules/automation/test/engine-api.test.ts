import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, World } from '@voyage/testing';
import { api, chain, createEngineWorld } from './engine-fixtures';

let w: World;
let rep: SignedIn;
let call: ReturnType<typeof api>;

beforeAll(async () => {
  w = await createEngineWorld();
  rep = await w.member('rep', 'Rita Rep');
  call = api(w);
});
afterAll(() => w.t.close());

describe('workflow designer API', () => {
  it('serves the catalogue with the object\'s custom fields, translated', async () => {
    // The test object is not a module's object, so its field is defined directly.
    await w.t.database.query(`insert into custom_field_defs (workspace_id, id, object, key, label, labels, type) values ($1, gen_random_uuid(), 'test_thing', 'renewal', 'Renewal', '{"zh-CN": "续约日"}', 'date')`, [w.workspaceId]);
    const res = await call(w.admin, 'GET', '/api/v1/automation/catalog');
    expect(res.statusCode, res.body).toBe(200);
    const thing = res.json().objects.find((o: { key: string }) => o.key === 'test_thing');
    expect(thing).toMatchObject({ label: 'Thing', canUpdate: true, canCreate: false, dateFields: ['dueOn', 'custom.renewal'] });
    expect(thing.fields.map((f: { key: string }) => f.key)).toEqual(['name', 'stage', 'amount', 'dueOn', 'ownerId', 'approvalPending', 'custom.renewal']);
    expect(res.json().actions.find((a: { key: string }) => a.key === 'test.record')).toMatchObject({ label: 'Record a call', fields: [{ key: 'note', required: true, merge: true }] });
    expect(res.json().triggerKinds).toContain('webhook');
    const zh = await w.t.app.inject({ method: 'GET', url: '/api/v1/automation/catalog?lang=zh-CN', headers: w.admin.headers });
    expect(zh.json().objects.find((o: { key: string }) => o.key === 'test_thing').fields.at(-1).label).toBe('续约日');
  });

  it('creates, saves drafts with optimistic versions, trashes and restores', async () => {
    const created = await call(w.admin, 'POST', '/api/v1/workflows', { name: 'Welcome' });
    expect(created.statusCode, created.body).toBe(201);
    const wf = created.json();
    expect(wf).toMatchObject({ status: 'off', publishedVersion: null, draft: { nodes: [], edges: [] }, draftChanged: true, version: 1 });
    const graph = chain({ kind: 'record_created', object: 'test_thing' }, [{ type: 'action', action: 'test.record', input: { note: 'hi {{name}}' } }]);
    const saved = await call(w.admin, 'PATCH', `/api/v1/workflows/${wf.id}`, { version: 1, draft: graph, name: 'Welcome!' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ name: 'Welcome!', object: 'test_thing', triggerKind: 'record_created', version: 2 });
    expect((await call(w.admin, 'PATCH', `/api/v1/workflows/${wf.id}`, { version: 1, name: 'Stale' })).statusCode).toBe(409);
    expect((await call(w.admin, 'PUT', `/api/v1/workflows/${wf.id}/status`, { version: 2, status: 'on' })).json().error.code).toBe('workflow.not_published');
    const published = await call(w.admin, 'POST', `/api/v1/workflows/${wf.id}/publish`, { version: 2 });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ publishedVersion: 1, draftChanged: false });
    const versions = await call(w.admin, 'GET', `/api/v1/workflows/${wf.id}/versions`);
    expect(versions.json().data).toMatchObject([{ version: 1, publishedBy: w.admin.userId, graph }]);
    expect((await call(w.admin, 'DELETE', `/api/v1/workflows/${wf.id}`)).statusCode).toBe(200);
    expect((await call(w.admin, 'GET', `/api/v1/workflows/${wf.id}`)).statusCode).toBe(404);
    expect((await call(w.admin, 'GET', '/api/v1/workflows?trash=true')).json().data.map((x: { id: string }) => x.id)).toContain(wf.id);
    const restored = await call(w.admin, 'POST', `/api/v1/workflows/${wf.id}/restore`);
    expect(restored.json()).toMatchObject({ status: 'off', publishedVersion: 1 });
    expect((await call(w.admin, 'GET', '/api/v1/workflows')).json().data.map((x: { id: string }) => x.id)).toContain(wf.id);
  });

  it('refuses to publish an invalid graph, listing every problem', async () => {
    const graph = {
      nodes: [
        { id: 't1', type: 'trigger', position: { x: 0, y: 0 }, trigger: { kind: 'field_changed', object: 'test_thing', field: 'colour' } },
        { id: 't2', type: 'trigger', position: { x: 0, y: 0 }, trigger: { kind: 'manual', object: 'test_thing' } },
        { id: 'a1', type: 'action', position: { x: 0, y: 0 } },
        { id: 'a2', type: 'action', position: { x: 0, y: 0 }, action: 'test.nothing' },
        { id: 'a3', type: 'action', position: { x: 0, y: 0 }, action: 'test.record', input: { note: '' } },
        { id: 'a4', type: 'action', position: { x: 0, y: 0 }, action: 'test.record', input: { note: 'Hi {{nope}}' } },
        { id: 'c1', type: 'condition', position: { x: 0, y: 0 }, rules: { op: 'and', rules: [{ field: 'size', operator: 'eq', value: 'big' }] } },
        { id: 'b1', type: 'branch', position: { x: 0, y: 0 }, branches: [{ key: 'won', label: 'Won', rules: { op: 'and', rules: [{ field: 'stage', operator: 'eq', value: 'won' }] } }] },
        { id: 'x1', type: 'action', position: { x: 0, y: 0 }, action: 'test.record', input: { note: 'loop' } },
        { id: 'x2', type: 'action', position: { x: 0, y: 0 }, action: 'test.record', input: { note: 'loop' } },
        { id: 'lonely', type: 'end', position: { x: 0, y: 0 } },
      ],
      edges: [
        { id: 'e1', source: 't1', target: 'a1' },
        { id: 'e2', source: 'a1', target: 'a2' },
        { id: 'e3', source: 'a2', target: 'a3' },
        { id: 'e4', source: 'a3', target: 'a4' },
        { id: 'e5', source: 'a4', target: 'c1' },
        { id: 'e6', source: 'c1', target: 'b1', sourceHandle: 'true' },
        { id: 'e7', source: 'b1', target: 'x1', sourceHandle: 'won' },
        { id: 'e8', source: 'x1', target: 'x2' },
        { id: 'e9', source: 'x2', target: 'x1' },
        { id: 'e10', source: 'a1', target: 'ghost' },
        { id: 'e11', source: 'c1', target: 'b1', sourceHandle: 'maybe' },
      ],
    };
    const wf = (await call(w.admin, 'POST', '/api/v1/workflows', { name: 'Broken', draft: graph })).json();
    const checked = await call(w.admin, 'POST', `/api/v1/workflows/${wf.id}/validate`);
    expect(checked.json().valid).toBe(false);
    const res = await call(w.admin, 'POST', `/api/v1/workflows/${wf.id}/publish`, { version: wf.version });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('workflow.invalid_graph');
    const issues = res.json().error.details.issues as Array<{ path: string; code: string; message: string }>;
    const found = issues.map((i) => `${i.path}:${i.code}`);
    expect(found).toEqual(expect.arrayContaining([
      'graph:trigger_count',
      'nodes.t1.trigger.field:field_unknown',
      'nodes.a1.action:action_missing',
      'nodes.a2.action:action_unknown',
      'nodes.a3.input.note:required',
      'nodes.a4.input.note:unknown_merge_field',
      'nodes.c1.rules.rules.0.field:unknown',
      'nodes.c1:handle_missing',
      'nodes.b1:handle_missing',
      'nodes.lonely:unreachable',
      'nodes.x1:cycle',
      'edges.e10:edge_dangling',
      'edges.e11:edge_handle',
    ]));
    expect(res.json().error.message).toBe(`The workflow cannot be published: ${issues.length} problems need fixing.`);
    expect(issues.find((i) => i.code === 'cycle')!.message).toBe('These steps form a loop without a wait: x1 → x2.');
    expect(issues.every((i) => i.message.length > 0)).toBe(true);
    expect(checked.json().issues).toHaveLength(issues.length);
  });

  it('accepts a loop that waits, and a complete event wait', async () => {
    const graph = {
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, trigger: { kind: 'record_created', object: 'test_thing' } },
        { id: 'a', type: 'action', position: { x: 0, y: 0 }, action: 'test.record', input: { note: 'again' } },
        { id: 'w', type: 'wait', position: { x: 0, y: 0 }, wait: { mode: 'event', event: 'test.thing.pinged', timeout: { amount: 72, unit: 'hours' } } },
        { id: 'end', type: 'end', position: { x: 0, y: 0 } },
      ],
      edges: [
        { id: 'e1', source: 't', target: 'a' }, { id: 'e2', source: 'a', target: 'w' },
        { id: 'e3', source: 'w', target: 'a', sourceHandle: 'timeout' }, { id: 'e4', source: 'w', target: 'end', sourceHandle: 'event' },
      ],
    };
    const wf = (await call(w.admin, 'POST', '/api/v1/workflows', { name: 'Nag', draft: graph })).json();
    const checked = await call(w.admin, 'POST', `/api/v1/workflows/${wf.id}/validate`);
    expect(checked.json(), checked.body).toEqual({ valid: true, issues: [] });
  });

  it('refuses a rep everything: catalogue, list, create, publish', async () => {
    const wf = (await call(w.admin, 'POST', '/api/v1/workflows', { name: 'Admin only' })).json();
    for (const [method, url] of [['GET', '/api/v1/automation/catalog'], ['GET', '/api/v1/workflows'], ['POST', '/api/v1/workflows'], ['POST', `/api/v1/workflows/${wf.id}/publish`], ['GET', `/api/v1/workflows/${wf.id}`]] as const) {
      const res = await call(rep, method, url, method === 'POST' ? { name: 'x', version: 1 } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('names the field on bad input with 400', async () => {
    const res = await call(w.admin, 'POST', '/api/v1/workflows', { name: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('name');
  });
});
