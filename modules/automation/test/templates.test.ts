import { tickEngine } from './engine-fixtures';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addMember, createWorld, signIn, type SignedIn, type World } from '@voyage/testing';
import { invalidateLiveWorkflows } from '../src/engine/workflow-cache';
import { api } from './actions-fixtures';

let w: World;
let call: ReturnType<typeof api>;
let boss: SignedIn;
let rep: SignedIn;
const HOUR = 3_600_000;
const q = <T>(text: string, params: unknown[] = []) => w.t.database.query<T>(text, params);

const tick = (moved?: Date) => tickEngine(w, moved);

async function install(key: string, body: Record<string, unknown> = {}) {
  const res = await call(w.admin, 'POST', `/api/v1/workflow-templates/${key}/install`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; status: string; templateKey: string; draft: { nodes: Array<{ id: string }> } };
}
async function switchOn(id: string, version: number) {
  const published = await call(w.admin, 'POST', `/api/v1/workflows/${id}/publish`, { version });
  expect(published.statusCode, published.body).toBe(200);
  const on = await call(w.admin, 'PUT', `/api/v1/workflows/${id}/status`, { version: published.json().version, status: 'on' });
  expect(on.statusCode, on.body).toBe(200);
}
const runsOf = (workflowId: string) => q<{ status: string; record_id: string }>('select status, record_id from workflow_runs where workflow_id = $1 order by started_at', [workflowId]);

beforeAll(async () => {
  w = await createWorld();
  call = api(w);
  boss = await w.member('manager', 'Boss');
  rep = await signIn(w.t, await addMember(w.t.database, w.workspaceId, w.roleIds.rep, { name: 'Idle Rep', supervisorId: boss.userId }), w.workspaceId);
});
afterAll(() => w.t.close());
beforeEach(async () => {
  // Only the workflow a test switches on reacts to its records.
  await q(`update workflows set status = 'off' where workspace_id = $1`, [w.workspaceId]);
  invalidateLiveWorkflows(w.workspaceId);
});

describe('workflow templates', () => {
  it('lists the templates, installs each as a valid draft (once: 409 the second time), and refuses a member without automation.manage', async () => {
    expect((await call(rep, 'GET', '/api/v1/workflow-templates')).statusCode).toBe(403);
    expect((await call(rep, 'POST', '/api/v1/workflow-templates/deal_won/install', {})).statusCode).toBe(403);
    const list = await call(w.admin, 'GET', '/api/v1/workflow-templates');
    expect(list.json().data.map((t: { key: string; installed: boolean }) => [t.key, t.installed])).toEqual([
      ['stalled_deal', false], ['next_contact_reminder', false], ['deal_won', false], ['large_deal_approval', false], ['welcome_sequence', false],
    ]);
    expect((await call(w.admin, 'POST', '/api/v1/workflow-templates/nope/install', {})).statusCode).toBe(404);

    // Without an approval process the large-deal workflow installs, and says what it still needs.
    const unfinished = await install('large_deal_approval');
    const check = (await call(w.admin, 'POST', `/api/v1/workflows/${unfinished.id}/validate`)).json();
    expect(check.valid).toBe(false);
    expect(check.issues.map((i: { path: string }) => i.path)).toEqual(['nodes.request.input.processId']);
    expect((await call(w.admin, 'DELETE', `/api/v1/workflows/${unfinished.id}`)).statusCode).toBe(200);
    const process = await call(w.admin, 'POST', '/api/v1/approval-processes', { object: 'deal', name: 'Large deals', steps: [{ name: 'Boss', approver: { kind: 'supervisor' } }] });
    expect(process.statusCode, process.body).toBe(201);

    for (const key of ['stalled_deal', 'next_contact_reminder', 'deal_won', 'large_deal_approval', 'welcome_sequence']) {
      const wf = await install(key);
      expect([wf.status, wf.templateKey]).toEqual(['off', key]);
      const validated = (await call(w.admin, 'POST', `/api/v1/workflows/${wf.id}/validate`)).json();
      expect([key, validated.issues]).toEqual([key, []]);
      const again = await call(w.admin, 'POST', `/api/v1/workflow-templates/${key}/install`, {});
      expect([again.statusCode, again.json().error.code]).toEqual([409, 'automation.template.installed']);
    }
    const after = (await call(w.admin, 'GET', '/api/v1/workflow-templates')).json().data as Array<{ installed: boolean; workflowId: string | null }>;
    expect(after.every((t) => t.installed && t.workflowId)).toBe(true);
    // The mails they send came along as email templates.
    const names = (await call(w.admin, 'GET', '/api/v1/email-templates')).json().data.map((t: { name: string }) => t.name);
    expect(names).toEqual(['Welcome', 'Welcome (second)', 'Welcome a new customer']);
  });

  it('welcome sequence: a mail to each new contact; opened → done, not opened in 72 hours → a second mail', async () => {
    const [wf] = await q<{ id: string; version: number }>(`select id, version from workflows where workspace_id = $1 and template_key = 'welcome_sequence' and deleted_at is null`, [w.workspaceId]);
    await switchOn(wf.id, wf.version);
    const reader = (await call(w.admin, 'POST', '/api/v1/contacts', { name: 'Reader', email: 'reader@example.com' })).json();
    const ignorer = (await call(w.admin, 'POST', '/api/v1/contacts', { name: 'Ignorer', email: 'ignorer@example.com' })).json();
    await tick();
    const mailsTo = (to: string) => q<{ subject: string; html_body: string }>('select subject, html_body from mail_messages where workspace_id = $1 and to_address = $2 order by created_at', [w.workspaceId, to]);
    const [welcome] = await mailsTo('reader@example.com');
    expect(welcome.subject).toBe('Welcome, Reader!');
    expect((await runsOf(wf.id)).map((r) => r.status)).toEqual(['waiting', 'waiting']);

    const pixel = welcome.html_body.match(/src="http:\/\/localhost:\d+(\/api\/v1\/t\/o\/[^"]+)"/)![1];
    expect((await w.t.app.inject({ method: 'GET', url: pixel })).statusCode).toBe(200);
    await tick();
    const byRecord = async () => new Map((await runsOf(wf.id)).map((r) => [r.record_id, r.status]));
    expect((await byRecord()).get(reader.id)).toBe('completed');
    expect((await byRecord()).get(ignorer.id)).toBe('waiting');

    await tick(new Date(Date.now() + 72 * HOUR + 60_000));
    expect((await mailsTo('ignorer@example.com')).map((m) => m.subject)).toEqual(['Welcome, Ignorer!', 'Ignorer, in case you missed it']);
    expect(await mailsTo('reader@example.com')).toHaveLength(1);
    expect((await byRecord()).get(ignorer.id)).toBe('completed');
  });
});
