import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SignedIn, World } from '@voyage/testing';
import { processReadyRuns } from '../src/engine/run-steps';
import { invalidateLiveWorkflows } from '../src/engine/workflow-cache';
import { runAction } from './actions-fixtures';
import { api, calls, chain, createEngineWorld, createThing, liveWorkflow } from './engine-fixtures';

let w: World;
let rep: SignedIn;
let repEmail: string;
let call: ReturnType<typeof api>;
const q = <T>(text: string, params: unknown[] = []) => w.t.database.query<T>(text, params);

beforeAll(async () => {
  w = await createEngineWorld();
  rep = await w.member('rep', 'Rita Rep');
  call = api(w);
  [{ email: repEmail }] = await q<{ email: string }>('select email from users where id = $1', [rep.userId]);
});
afterAll(() => w.t.close());
beforeEach(async () => {
  await q(`update workflows set status = 'off' where workspace_id = $1`, [w.workspaceId]);
  invalidateLiveWorkflows(w.workspaceId);
});

describe('{{owner.name}} and {{owner.email}} in merged texts of actions', () => {
  it('are the record owner\'s in a run of the engine, and empty for a record without owner', async () => {
    await liveWorkflow(w, chain({ kind: 'record_created', object: 'test_thing' }, [{ type: 'action', action: 'test.record', input: { note: '{{name}}: ask {{owner.name}} <{{owner.email}}>' } }]));
    await createThing(w.t.database, w.workspaceId, { name: 'Owned', ownerId: rep.userId });
    await createThing(w.t.database, w.workspaceId, { name: 'Orphan' });
    await w.t.services.outbox.dispatch();
    await processReadyRuns({ env: w.t.env, database: w.t.database, send: (n, d, o) => w.t.services.jobs.send(n, d, o), now: new Date() });
    expect((await calls(w)).map((c) => c.note)).toEqual(expect.arrayContaining([`Owned: ask Rita Rep <${repEmail}>`, 'Orphan: ask  <>']));
  });

  it('fill a notification\'s title and body, and a task\'s title', async () => {
    const deal = await call(rep, 'POST', '/api/v1/deals', { name: 'Merged deal', amountMinor: 100 });
    expect(deal.statusCode, deal.body).toBe(201);
    const dealId = deal.json().id as string;

    const notify = { userIds: [w.admin.userId], title: 'Deal of {{owner.name}}', body: 'Write to {{owner.email}} about {{record.name}}' };
    const described = await runAction(w, { action: 'automation.notify', input: notify, object: 'deal', recordId: dealId, mode: 'describe' });
    expect(described.summary).toContain('Deal of Rita Rep');
    await runAction(w, { action: 'automation.notify', input: notify, object: 'deal', recordId: dealId });
    const notes = await q<{ title: string; body: string }>(`select title, body from notifications where workspace_id = $1 and user_id = $2 and kind = 'workflow' and title = 'Deal of Rita Rep'`, [w.workspaceId, w.admin.userId]);
    expect(notes).toEqual([{ title: 'Deal of Rita Rep', body: `Write to ${repEmail} about Merged deal` }]);

    await runAction(w, { action: 'sales.create_task', input: { title: 'Call {{owner.name}} back', description: 'Mail: {{owner.email}}' }, object: 'deal', recordId: dealId });
    const tasks = await q<{ title: string; description: string }>(`select title, description from tasks where workspace_id = $1 and related_id = $2`, [w.workspaceId, dealId]);
    expect(tasks).toEqual([{ title: 'Call Rita Rep back', description: `Mail: ${repEmail}` }]);
  });
});
