import { tickEngine } from './engine-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createWorld, signIn, type SignedIn, type World } from '@voyage/testing';
import { sweepClockTriggers } from '../src/engine/sweep-clock-triggers';
import { ensureDefaultWorkflows, forgetDefaultInstalls } from '../src/templates/install-default-workflows';
import { api } from './actions-fixtures';

/*
 * Issue 6 item 5 / issue 5: the stalled-deal alert runs as the workflow "Stalled deal", installed,
 * published and switched on by default. Time passing is simulated the way the other engine tests
 * do: the deals' last activity moves back, the clock sweep runs as of now, and waits fire as of
 * a moved `now`.
 */
let w: World;
let call: ReturnType<typeof api>;
let boss: SignedIn;
let rep: SignedIn;
let loner: SignedIn;
let workflowId: string;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const q = <T>(text: string, params: unknown[] = []) => w.t.database.query<T>(text, params);

const tick = (moved?: Date) => tickEngine(w, moved);
/** The clock sweep now, looking back a day (as a workflow's first sweep does). */
async function sweep() {
  await q('delete from workflow_trigger_marks where workspace_id = $1', [w.workspaceId]);
  const { started } = await sweepClockTriggers(w.t.database, w.t.env, w.workspaceId, new Date());
  await tick();
  return started;
}
/** The deals have had no activity for `days` days (and a minute). */
const idle = (ids: string[], days: number) => q(`update deals set last_activity_at = now() - make_interval(days => $2::int) - interval '1 minute' where id = any($1::uuid[])`, [ids, days]);
const newDeal = async (who: SignedIn, name: string, extra: Record<string, unknown> = {}) => {
  const res = await call(who, 'POST', '/api/v1/deals', { name, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; pipelineId: string; version: number };
};
const notes = (userId: string) => q<{ title: string; body: string; link: string }>(`select title, body, link from notifications where workspace_id = $1 and user_id = $2 and kind = 'workflow' order by created_at`, [w.workspaceId, userId]);
const mails = (userId: string) => q<{ subject: string }>(`select m.subject from mail_messages m join users u on u.email = m.to_address where m.workspace_id = $1 and u.id = $2 order by m.created_at`, [w.workspaceId, userId]);
const tasksOf = (dealId: string) => q<{ title: string; owner_id: string }>(`select title, owner_id from tasks where workspace_id = $1 and related_id = $2 order by created_at`, [w.workspaceId, dealId]);
const runsFor = (dealId: string) => q<{ status: string }>('select status from workflow_runs where workflow_id = $1 and record_id = $2 order by started_at', [workflowId, dealId]);
const stalledAt = async (id: string) => (await q<{ s: string | null }>('select stalled_at::text as s from deals where id = $1', [id]))[0].s;

beforeAll(async () => {
  w = await createWorld();
  call = api(w);
  await q(`update workspaces set default_locale = 'en' where id = $1`, [w.workspaceId]);
  boss = await w.member('manager', 'Boss');
  rep = await signIn(w.t, await addMember(w.t.database, w.workspaceId, w.roleIds.rep, { name: 'Idle Rep', supervisorId: boss.userId }), w.workspaceId);
  loner = await w.member('rep', 'Loner');
});
afterAll(() => w.t.close());

describe('stalled-deal workflow', () => {
  it('is installed, published and switched on once per workspace, run as the earliest admin, in the workspace language', async () => {
    expect(await ensureDefaultWorkflows(w.t.database, w.t.env, w.workspaceId)).toEqual(['stalled_deal']);
    expect(await ensureDefaultWorkflows(w.t.database, w.t.env, w.workspaceId)).toEqual([]);
    forgetDefaultInstalls(w.t.database);
    expect(await ensureDefaultWorkflows(w.t.database, w.t.env, w.workspaceId)).toEqual([]);
    const list = (await call(w.admin, 'GET', '/api/v1/workflow-templates')).json().data as Array<{ key: string; installed: boolean; workflowId: string | null }>;
    const entry = list.find((t) => t.key === 'stalled_deal')!;
    expect(entry.installed).toBe(true);
    workflowId = entry.workflowId!;
    const wf = (await call(w.admin, 'GET', `/api/v1/workflows/${workflowId}`)).json();
    expect([wf.name, wf.status, wf.publishedVersion, wf.templateKey]).toEqual(['Stalled deal', 'on', 1, 'stalled_deal']);
    const [version] = await q<{ run_as_user_id: string }>('select run_as_user_id from workflow_versions where workflow_id = $1', [workflowId]);
    expect(version.run_as_user_id).toBe(w.admin.userId);
    // A rep (no automation.manage) may not change it.
    expect((await call(rep, 'PUT', `/api/v1/workflows/${workflowId}/status`, { version: wf.version, status: 'off' })).statusCode).toBe(403);
    expect((await call(rep, 'PATCH', `/api/v1/workflows/${workflowId}`, { version: wf.version, name: 'Mine' })).statusCode).toBe(403);
  });

  it('an idle deal: the owner is alerted (in the app and by email) and gets a task, once; 7 more idle days tell the supervisor', async () => {
    const sleeping = await newDeal(rep, 'Sleeping deal');
    const busy = await newDeal(rep, 'Busy deal');
    await idle([sleeping.id, busy.id], 13);
    expect(await sweep()).toBe(0);
    await idle([sleeping.id, busy.id], 14);
    expect(await sweep()).toBe(2);
    expect(await sweep()).toBe(0);
    const alert = 'Deal "Sleeping deal" has had no activity for 14 days';
    expect((await notes(rep.userId)).filter((n) => n.link === `/deals/${sleeping.id}`)).toEqual([
      { title: alert, body: 'Nothing has happened on Sleeping deal for 14 days. Plan the next step or update the deal.', link: `/deals/${sleeping.id}` },
    ]);
    expect((await mails(rep.userId)).map((m) => m.subject)).toContain(alert);
    expect(await tasksOf(sleeping.id)).toEqual([{ title: 'Follow up the stalled deal "Sleeping deal"', owner_id: rep.userId }]);
    expect(await notes(boss.userId)).toEqual([]);

    // Seven more days: nothing happened on one deal since its task; the other had a call logged yesterday.
    await idle([sleeping.id], 7);
    await idle([busy.id], 1);
    await tick(new Date(Date.now() + 7 * DAY + HOUR + 60_000));
    const escalated = 'Deal "Sleeping deal" is still idle 7 days after its owner was alerted';
    expect((await notes(boss.userId)).map((n) => [n.title, n.link])).toEqual([[escalated, `/deals/${sleeping.id}`]]);
    expect((await mails(boss.userId)).map((m) => m.subject)).toEqual([escalated]);
    expect((await runsFor(sleeping.id)).map((r) => r.status)).toEqual(['completed']);
    expect((await runsFor(busy.id)).map((r) => r.status)).toEqual(['completed']);

    // A new idle spell alerts again.
    await idle([sleeping.id], 14);
    expect(await sweep()).toBe(1);
    expect((await notes(rep.userId)).filter((n) => n.link === `/deals/${sleeping.id}`)).toHaveLength(2);
    expect(await tasksOf(sleeping.id)).toHaveLength(2);
  });

  it('an owner without a supervisor is alerted; the escalation finds nobody and nothing fails', async () => {
    const lonely = await newDeal(loner, 'Lonely deal');
    await idle([lonely.id], 14);
    expect(await sweep()).toBe(1);
    expect((await notes(loner.userId)).map((n) => n.title)).toEqual(['Deal "Lonely deal" has had no activity for 14 days']);
    await idle([lonely.id], 7);
    await tick(new Date(Date.now() + 7 * DAY + HOUR + 60_000));
    expect((await runsFor(lonely.id)).map((r) => r.status)).toEqual(['completed']);
  });

  it('follows the pipeline: its stall days, recomputed when they change; nothing while its alert is off or the deal is closed', async () => {
    const created = await call(w.admin, 'POST', '/api/v1/pipelines', { name: 'Short fuse', stages: [{ name: 'Talk', probability: 10 }, { name: 'Won', kind: 'won' }, { name: 'Lost', kind: 'lost' }] });
    expect(created.statusCode, created.body).toBe(201);
    const pipeline = created.json() as { id: string; stages: Array<{ id: string; kind: string }> };
    const deal = await newDeal(rep, 'Quick deal', { pipelineId: pipeline.id });
    const [{ last }] = await q<{ last: string }>('select (last_activity_at + interval \'14 days\')::text as last from deals where id = $1', [deal.id]);
    expect(await stalledAt(deal.id)).toBe(last);

    const set = await call(w.admin, 'PUT', `/api/v1/pipelines/${pipeline.id}/stall-settings`, { version: 0, stallDays: 3 });
    expect(set.statusCode, set.body).toBe(200);
    const [{ three }] = await q<{ three: string }>('select (last_activity_at + interval \'3 days\')::text as three from deals where id = $1', [deal.id]);
    expect(await stalledAt(deal.id)).toBe(three);
    await idle([deal.id], 2);
    expect(await sweep()).toBe(0);
    await idle([deal.id], 3);
    expect(await sweep()).toBe(1);
    expect((await notes(rep.userId)).map((n) => n.title)).toContain('Deal "Quick deal" has had no activity for 3 days');

    // Switched off: the deals of this pipeline are never stalled.
    const off = await call(w.admin, 'PUT', `/api/v1/pipelines/${pipeline.id}/stall-settings`, { version: 1, enabled: false });
    expect(off.statusCode, off.body).toBe(200);
    const quiet = await newDeal(rep, 'Switched off', { pipelineId: pipeline.id });
    expect(await stalledAt(quiet.id)).toBeNull();
    await idle([quiet.id], 60);
    expect(await sweep()).toBe(0);
    expect(await runsFor(quiet.id)).toEqual([]);

    // A closed deal is not stalled either.
    const won = await newDeal(rep, 'Won deal');
    await q(`update deals set status = 'won', closed_at = now() where id = $1`, [won.id]);
    expect(await stalledAt(won.id)).toBeNull();
  });

  it('switched off by an admin: no alerts, and the default install does not switch it back on (nor reinstall it once trashed)', async () => {
    const wf = (await call(w.admin, 'GET', `/api/v1/workflows/${workflowId}`)).json();
    const off = await call(w.admin, 'PUT', `/api/v1/workflows/${workflowId}/status`, { version: wf.version, status: 'off' });
    expect(off.statusCode, off.body).toBe(200);
    const ignored = await newDeal(rep, 'Ignored deal');
    await idle([ignored.id], 20);
    expect(await sweep()).toBe(0);
    forgetDefaultInstalls(w.t.database);
    expect(await ensureDefaultWorkflows(w.t.database, w.t.env, w.workspaceId)).toEqual([]);
    expect((await call(w.admin, 'GET', `/api/v1/workflows/${workflowId}`)).json().status).toBe('off');
    expect((await call(w.admin, 'DELETE', `/api/v1/workflows/${workflowId}`)).statusCode).toBe(200);
    forgetDefaultInstalls(w.t.database);
    expect(await ensureDefaultWorkflows(w.t.database, w.t.env, w.workspaceId)).toEqual([]);
    const [{ n }] = await q<{ n: number }>('select count(*)::int as n from workflows where workspace_id = $1 and template_key = $2 and deleted_at is null', [w.workspaceId, 'stalled_deal']);
    expect(n).toBe(0);
  });
});
