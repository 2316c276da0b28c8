import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signIn, type World } from '@voyage/testing';
import { processReadyRuns } from '../src/engine/run-steps';
import { api, chain, createEngineWorld, createThing, liveWorkflow, updateThing } from './engine-fixtures';

let w: World;
const call = (...args: Parameters<ReturnType<typeof api>>) => api(w)(...args);

async function settle() {
  // Runs start runs through the events their actions emit: deliver and advance until quiet.
  for (let i = 0; i < 20; i += 1) {
    const { events } = await w.t.services.outbox.dispatch();
    const { steps } = await processReadyRuns({ env: w.t.env, database: w.t.database, send: async () => null });
    if (events === 0 && steps === 0) return;
  }
}
const runsOf = (workflowId: string) =>
  w.t.database.query<{ status: string; depth: number; error: { key: string; params: { max: number } } | null }>(`select status, depth, error from workflow_runs where workflow_id = $1 order by depth, started_at`, [workflowId]);

beforeAll(async () => {
  w = await createEngineWorld({ WORKFLOW_RUNS_PER_RECORD_HOUR: '4', WORKFLOW_MAX_DEPTH: '4' });
});
afterAll(() => w.t.close());

describe('loop protection', () => {
  it('caps the depth of runs starting runs through the events they cause', async () => {
    // Each run touches its record, whose update event starts the next run.
    const id = await liveWorkflow(w, chain({ kind: 'record_updated', object: 'test_thing', filter: { op: 'and', rules: [{ field: 'name', operator: 'eq', value: 'Chain' }] } }, [{ type: 'action', action: 'test.touch', input: { stage: 'touched' } }]), 'Echo');
    const thing = await createThing(w.t.database, w.workspaceId, { name: 'Chain' });
    await w.t.database.db.transaction((tx) => updateThing(tx, w.workspaceId, thing, { stage: 'start' }));
    await settle();
    const runs = await runsOf(id);
    expect(runs.map((r) => [r.depth, r.status])).toEqual([[0, 'completed'], [1, 'completed'], [2, 'completed'], [3, 'completed'], [4, 'cancelled']]);
    expect(runs[4].error).toEqual({ key: 'workflow.run.depth_cap', params: { max: 4 } });
    const list = (await call(w.admin, 'GET', `/api/v1/workflows/${id}/runs?status=cancelled`)).json();
    expect(list.data[0].error).toBe('Not started: runs started each other 4 levels deep.');
  });

  it('caps the runs of one workflow per record per hour', async () => {
    const id = await liveWorkflow(w, chain({ kind: 'record_updated', object: 'test_thing', filter: { op: 'and', rules: [{ field: 'name', operator: 'eq', value: 'Busy' }] } }, [{ type: 'action', action: 'test.record', input: { note: 'busy {{stage}}' } }]), 'Busy');
    const thing = await createThing(w.t.database, w.workspaceId, { name: 'Busy' });
    for (let i = 0; i < 5; i += 1) await w.t.database.db.transaction((tx) => updateThing(tx, w.workspaceId, thing, { stage: `s${i}` }));
    await settle();
    const runs = await runsOf(id);
    expect(runs.map((r) => r.status).sort()).toEqual(['cancelled', 'completed', 'completed', 'completed', 'completed']);
    expect(runs.find((r) => r.status === 'cancelled')!.error).toEqual({ key: 'workflow.run.loop_cap', params: { max: 4 } });
    // Another record is not affected.
    const other = await createThing(w.t.database, w.workspaceId, { name: 'Busy' });
    await w.t.database.db.transaction((tx) => updateThing(tx, w.workspaceId, other, { stage: 'x' }));
    await settle();
    expect((await runsOf(id)).filter((r) => r.status === 'completed')).toHaveLength(5);
  });

  it('fails runs when the user it runs as lost the right to manage workflows', async () => {
    await w.t.database.query(`update roles set capabilities = capabilities || '["automation.manage"]'::jsonb where workspace_id = $1 and key = 'manager'`, [w.workspaceId]);
    const userId = await addMember(w.t.database, w.workspaceId, w.roleIds.manager, { name: 'Pat Publisher' });
    const publisher = await signIn(w.t, userId, w.workspaceId);
    const graph = chain({ kind: 'record_created', object: 'test_thing', filter: { op: 'and', rules: [{ field: 'name', operator: 'eq', value: 'Orphan' }] } }, [{ type: 'action', action: 'test.record', input: { note: 'orphan' } }]);
    const created = (await call(publisher, 'POST', '/api/v1/workflows', { name: 'Pat\'s', draft: graph })).json();
    const published = (await call(publisher, 'POST', `/api/v1/workflows/${created.id}/publish`, { version: created.version })).json();
    expect((await call(publisher, 'PUT', `/api/v1/workflows/${created.id}/status`, { version: published.version, status: 'on' })).statusCode).toBe(200);
    await w.t.database.query(`update roles set capabilities = '[]'::jsonb where workspace_id = $1 and key = 'manager'`, [w.workspaceId]);
    await createThing(w.t.database, w.workspaceId, { name: 'Orphan' });
    await settle();
    const list = (await call(w.admin, 'GET', `/api/v1/workflows/${created.id}/runs`)).json();
    expect(list.data.map((r: { status: string; error: string }) => [r.status, r.error])).toEqual([['failed', 'The user the workflow runs as (Pat Publisher) may no longer manage workflows. Publish it again as someone who may.']]);
  });
});
