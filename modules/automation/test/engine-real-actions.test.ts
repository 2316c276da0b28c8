import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '@voyage/testing';
import { processReadyRuns } from '../src/engine/run-steps';
import { sweepDueWaits } from '../src/engine/sweep-timers';
import { api, chain, liveWorkflow } from './engine-fixtures';

let w: World;
let call: ReturnType<typeof api>;
const q = <T>(text: string, params: unknown[] = []) => w.t.database.query<T>(text, params);

async function tick() {
  await w.t.services.outbox.dispatch();
  await sweepDueWaits(w.t.database, new Date());
  await processReadyRuns({ env: w.t.env, database: w.t.database, send: (n, d, o) => w.t.services.jobs.send(n, d, o) });
}

beforeAll(async () => {
  w = await createWorld();
  call = api(w);
});
afterAll(() => w.t.close());

describe('the engine with the real actions', () => {
  it('a contact edit sends one email and updates the contact, however often its event is delivered', async () => {
    const template = await call(w.admin, 'POST', '/api/v1/email-templates', { name: 'Qualified', object: 'contact', subject: 'Welcome aboard, {{record.name}}', body: '<p>Hello {{record.name}}</p>' });
    expect(template.statusCode, template.body).toBe(201);
    const graph = chain({ kind: 'record_updated', object: 'contact', filter: { op: 'and', rules: [{ field: 'title', operator: 'eq', value: 'Buyer' }] } }, [
      { type: 'action', action: 'automation.send_email', input: { templateId: template.json().id, to: 'record' } },
      { type: 'action', action: 'automation.update_fields', input: { values: { title: 'Buyer (welcomed)' } } },
    ]);
    const id = await liveWorkflow(w, graph, 'Welcome buyers');
    const created = await call(w.admin, 'POST', '/api/v1/contacts', { name: 'Li Lei', email: 'lilei@example.com' });
    expect(created.statusCode, created.body).toBe(201);
    const contact = created.json() as { id: string; version: number };
    const edited = await call(w.admin, 'PATCH', `/api/v1/contacts/${contact.id}`, { version: contact.version, title: 'Buyer' });
    expect(edited.statusCode, edited.body).toBe(200);
    await tick();
    // The update the action made is an event too: the filter no longer matches, so no second run.
    await tick();

    const mails = () => q<{ subject: string }>('select subject from mail_messages where workspace_id = $1 and to_address = $2', [w.workspaceId, 'lilei@example.com']);
    expect((await mails()).map((m) => m.subject)).toEqual(['Welcome aboard, Li Lei']);
    expect((await call(w.admin, 'GET', `/api/v1/contacts/${contact.id}`)).json().title).toBe('Buyer (welcomed)');
    const runs = await q<{ id: string; status: string }>('select id, status from workflow_runs where workflow_id = $1', [id]);
    expect(runs.map((r) => r.status)).toEqual(['completed']);

    // Redeliver every event of this contact: nothing new starts, no second mail.
    await q(`update outbox set dispatched_at = null where workspace_id = $1 and payload->>'id' = $2`, [w.workspaceId, contact.id]);
    await q(`delete from event_deliveries where workspace_id = $1 and subscriber = 'automation.workflow_triggers'`, [w.workspaceId]);
    await tick();
    expect(await mails()).toHaveLength(1);
    expect(await q('select 1 from workflow_runs where workflow_id = $1', [id])).toHaveLength(1);

    const detail = (await call(w.admin, 'GET', `/api/v1/workflow-runs/${runs[0].id}`)).json();
    expect(detail.steps.map((s: { title: string; status: string }) => [s.title, s.status])).toEqual([['Trigger', 'completed'], ['Send an email', 'completed'], ['Update fields', 'completed']]);
  });
});
