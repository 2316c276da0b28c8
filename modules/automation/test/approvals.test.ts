import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOMATION_EVENTS } from '@voyage/contracts';
import { loadActor, schema, workflowAction, workflowEvent, type WorkflowActionContext } from '@voyage/kernel';
import { addMember, createWorld, type SignedIn, type World } from '@voyage/testing';

let w: World;
type Who = { headers: Record<string, string> };
const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
interface Task { approverId: string | null; status: string; stageIndex: number; round: number; automatic: boolean; comment: string }
interface Request { id: string; status: string; currentStage: number | null; round: number; stages: Array<{ stepId: string; level: number }>; tasks: Task[]; history: Array<{ action: string }>; lockedFields: string[]; canDecide: boolean; version: number }

let director: SignedIn; let manager: SignedIn; let rep: SignedIn; let viewerA: SignedIn; let viewerB: SignedIn; let outsider: SignedIn;

const member = async (role: string, name: string, supervisorId?: string) => w.as(await addMember(w.t.database, w.workspaceId, w.roleIds[role], { name, supervisorId }));
const newDeal = async (who: Who, amountMinor: number, name = 'Deal') => {
  const res = await inject(who, 'POST', '/api/v1/deals', { name, amountMinor });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
};
const process = async (body: Record<string, unknown>) => {
  const res = await inject(w.admin, 'POST', '/api/v1/approval-processes', { object: 'deal', name: 'Process', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; steps: Array<{ id: string }> };
};
const submit = async (who: Who, processId: string, recordId: string, extra: Record<string, unknown> = {}) => inject(who, 'POST', '/api/v1/approvals', { processId, recordId, comment: 'please', ...extra });
const decide = async (who: Who, id: string, decision: 'approve' | 'reject' | 'return', comment = '') => inject(who, 'POST', `/api/v1/approvals/${id}/decide`, { decision, comment });
const pendingFor = (r: Request) => r.tasks.filter((t) => t.status === 'pending' && t.round === r.round).map((t) => t.approverId);
const eventsOf = async (requestId: string) => (await w.t.database.db.select().from(schema.outbox)
  .where(and(eq(schema.outbox.workspaceId, w.workspaceId), inArray(schema.outbox.event, Object.values(AUTOMATION_EVENTS)))).orderBy(asc(schema.outbox.occurredAt), asc(schema.outbox.id)))
  .filter((e) => (e.payload as { requestId?: string }).requestId === requestId)
  .map((e) => ({ event: e.event, ...(e.payload as Record<string, unknown>) }) as Record<string, unknown> & { event: string });

beforeAll(async () => {
  w = await createWorld();
  director = await member('manager', 'Director Zhao');
  manager = await member('manager', 'Manager Qian', director.userId);
  rep = await member('rep', 'Rep Sun', manager.userId);
  viewerA = await member('viewer', 'Viewer Li');
  viewerB = await member('viewer', 'Viewer Zhou');
  outsider = await member('rep', 'Rep Wu');
});
afterAll(() => w.t.close());

describe('approval processes', () => {
  it('are managed by admins only, and bad input is a 400 naming each field', async () => {
    const refused = await inject(rep, 'POST', '/api/v1/approval-processes', { object: 'deal', name: 'Mine', steps: [{ name: 'Boss', approver: { kind: 'supervisor' } }] });
    expect(refused.statusCode).toBe(403);
    const bad = await inject(w.admin, 'POST', '/api/v1/approval-processes?lang=en', {
      object: 'deal', name: 'Bad', guardedFields: ['amountMinor', 'nope'], onApproved: { status: 'won' },
      steps: [{ name: 'Role', approver: { kind: 'role', roleId: '0190a000-0000-7000-8000-000000000000' } }, { name: 'Big', condition: { op: 'and', rules: [{ field: 'ghost', operator: 'gt', value: 1 }] }, approver: { kind: 'supervisor' } }],
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().error.details.fields as Array<{ field: string; message: string }>).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['guardedFields.1', 'onApproved.status', 'steps.0.approver.roleId', 'steps.1.condition.rules.0.field']));
    const unknownObject = await inject(w.admin, 'POST', '/api/v1/approval-processes', { object: 'spaceship', name: 'X', steps: [{ name: 'S', approver: { kind: 'supervisor' } }] });
    expect(unknownObject.statusCode).toBe(400);
    expect(unknownObject.json().error.details.fields[0].field).toBe('object');
  });

  it('are versioned (stale version 409) and go to the trash and back', async () => {
    const p = await process({ name: 'Trash me', active: false, steps: [{ name: 'Boss', approver: { kind: 'supervisor' } }] });
    const changed = await inject(w.admin, 'PATCH', `/api/v1/approval-processes/${p.id}`, { version: p.version, name: 'Renamed' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await inject(w.admin, 'PATCH', `/api/v1/approval-processes/${p.id}`, { version: p.version, name: 'Stale' })).statusCode).toBe(409);
    const trashed = await inject(w.admin, 'DELETE', `/api/v1/approval-processes/${p.id}?version=${changed.json().version}`);
    expect(trashed.statusCode).toBe(200);
    expect(((await inject(w.admin, 'GET', '/api/v1/approval-processes')).json().data as Array<{ id: string }>).map((x) => x.id)).not.toContain(p.id);
    expect(((await inject(w.admin, 'GET', '/api/v1/approval-processes?trash=true')).json().data as Array<{ id: string }>).map((x) => x.id)).toContain(p.id);
    expect((await inject(w.admin, 'POST', `/api/v1/approval-processes/${p.id}/restore?version=${trashed.json().version}`)).statusCode).toBe(200);
  });
});

describe('approval requests', () => {
  it('run a large deal up the supervisor chain two levels, lock its guarded fields until the decision, and update the record', async () => {
    const p = await process({
      name: 'Large deal', guardedFields: ['amountMinor'], onApproved: { probability: 90 },
      steps: [{ name: 'Supervisors', condition: { op: 'and', rules: [{ field: 'amountMinor', operator: 'gt', value: 50_000_000 }] }, approver: { kind: 'supervisor', levels: 2 } }],
    });
    const small = await newDeal(rep, 1_000_00, 'Small');
    const none = await submit(rep, p.id, small.id);
    expect(none.statusCode).toBe(422);
    expect(none.json().error.code).toBe('automation.approval_no_step_applies');

    const deal = await newDeal(rep, 60_000_000, 'Large');
    const res = await submit(rep, p.id, deal.id);
    expect(res.statusCode, res.body).toBe(201);
    let r = res.json() as Request;
    expect(r.stages.map((s) => s.level)).toEqual([1, 2]);
    expect(pendingFor(r)).toEqual([manager.userId]);
    expect(r.lockedFields).toEqual(['amountMinor']);
    expect((await submit(rep, p.id, deal.id)).statusCode).toBe(409);

    // The guarded field is locked while pending; other fields are not.
    const locked = await inject(rep, 'PATCH', `/api/v1/deals/${deal.id}?lang=en`, { version: deal.version, amountMinor: 40_000_000 });
    expect(locked.statusCode).toBe(422);
    expect(locked.json().error.code).toBe('records.locked');
    expect(locked.json().error.details.fields[0].field).toBe('amountMinor');
    expect(locked.json().error.message).toBe('Amount is locked while the record awaits approval.');
    const renamed = await inject(rep, 'PATCH', `/api/v1/deals/${deal.id}`, { version: deal.version, name: 'Large (renamed)' });
    expect(renamed.statusCode, renamed.body).toBe(200);

    // The second level may not act before the first.
    expect((await decide(director, r.id, 'approve')).statusCode).toBe(403);
    expect((await decide(outsider, r.id, 'approve')).statusCode).toBe(403);
    const inbox = (await inject(manager, 'GET', '/api/v1/approvals?box=pending')).json().data as Request[];
    expect(inbox.map((x) => x.id)).toEqual([r.id]);
    r = (await decide(manager, r.id, 'approve', 'fine by me')).json() as Request;
    expect(r.status).toBe('pending');
    expect(r.currentStage).toBe(1);
    expect(pendingFor(r)).toEqual([director.userId]);
    expect((await decide(manager, r.id, 'approve')).statusCode).toBe(403);
    const done = await decide(director, r.id, 'approve', 'ok');
    expect(done.statusCode, done.body).toBe(200);
    r = done.json() as Request;
    expect(r.status).toBe('approved');
    expect(r.lockedFields).toEqual([]);
    expect(r.history.map((h) => h.action)).toEqual(['submitted', 'approved', 'approved']);
    expect((await decide(director, r.id, 'approve')).statusCode).toBe(409);

    // The inboxes: decided by the manager and the director, submitted by the rep; nobody else sees the request.
    expect(((await inject(manager, 'GET', '/api/v1/approvals?box=done')).json().data as Request[]).map((x) => x.id)).toContain(r.id);
    expect(((await inject(director, 'GET', '/api/v1/approvals?box=pending')).json().data as Request[]).map((x) => x.id)).not.toContain(r.id);
    expect(((await inject(rep, 'GET', '/api/v1/approvals?box=submitted')).json().data as Request[]).map((x) => x.id)).toContain(r.id);
    expect((await inject(rep, 'GET', `/api/v1/approvals/${r.id}`)).statusCode).toBe(200);
    expect((await inject(outsider, 'GET', `/api/v1/approvals/${r.id}`)).statusCode).toBe(404);

    const after = (await inject(rep, 'GET', `/api/v1/deals/${deal.id}`)).json() as { version: number; probability: number };
    expect(after.probability).toBe(90);
    const unlocked = await inject(rep, 'PATCH', `/api/v1/deals/${deal.id}`, { version: after.version, amountMinor: 40_000_000 });
    expect(unlocked.statusCode, unlocked.body).toBe(200);

    const events = await eventsOf(r.id);
    expect(events.map((e) => e.event)).toEqual([AUTOMATION_EVENTS.approvalSubmitted, AUTOMATION_EVENTS.approvalApproved]);
    expect(events[1]).toMatchObject({ requestId: r.id, object: 'deal', recordId: deal.id, processId: p.id, outcome: 'approved' });
    const audit = await w.t.database.db.select({ action: schema.auditLog.action }).from(schema.auditLog)
      .where(and(eq(schema.auditLog.workspaceId, w.workspaceId), eq(schema.auditLog.recordId, deal.id)));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['approval_submitted', 'approval_step_approved', 'approval_approved']));
    const notes = await w.t.database.db.select({ userId: schema.notifications.userId, link: schema.notifications.link }).from(schema.notifications)
      .where(and(eq(schema.notifications.workspaceId, w.workspaceId), eq(schema.notifications.kind, 'approval_pending')));
    expect(notes).toEqual(expect.arrayContaining([{ userId: manager.userId, link: `/approvals/${r.id}` }, { userId: director.userId, link: `/approvals/${r.id}` }]));
    const mail = await w.t.database.db.select({ text: schema.mailMessages.textBody }).from(schema.mailMessages).where(eq(schema.mailMessages.workspaceId, w.workspaceId));
    expect(mail.some((m) => m.text.includes(`/approvals/${r.id}`))).toBe(true);
  });

  it('needs every member of a role when the step says "all of them"', async () => {
    const p = await process({ name: 'All viewers', steps: [{ name: 'Viewers', approver: { kind: 'role', roleId: w.roleIds.viewer, mode: 'all' } }] });
    const deal = await newDeal(rep, 10_000);
    let r = (await submit(rep, p.id, deal.id)).json() as Request;
    expect(pendingFor(r).sort()).toEqual([viewerA.userId, viewerB.userId].sort());
    r = (await decide(viewerA, r.id, 'approve')).json() as Request;
    expect(r.status).toBe('pending');
    expect((await decide(viewerA, r.id, 'approve')).statusCode).toBe(403);
    r = (await decide(viewerB, r.id, 'approve')).json() as Request;
    expect(r.status).toBe('approved');
  });

  it('lets any one member of a role decide when the step says "any one"', async () => {
    const p = await process({ name: 'Any viewer', steps: [{ name: 'Viewers', approver: { kind: 'role', roleId: w.roleIds.viewer, mode: 'any' } }] });
    const deal = await newDeal(rep, 10_000);
    let r = (await submit(rep, p.id, deal.id)).json() as Request;
    r = (await decide(viewerB, r.id, 'approve')).json() as Request;
    expect(r.status).toBe('approved');
    expect(r.tasks.find((t) => t.approverId === viewerA.userId)?.status).toBe('skipped');
  });

  it('restarts a rejected request at the first step, or at the step that rejected it, as the process says', async () => {
    const steps = [{ name: 'First', approver: { kind: 'user', userId: manager.userId } }, { name: 'Second', approver: { kind: 'user', userId: director.userId } }];
    for (const [policy, restartAt, approver] of [['first_step', 0, manager], ['rejected_step', 1, director]] as const) {
      const p = await process({ name: `Resubmit ${policy}`, resubmit: policy, guardedFields: ['amountMinor'], steps });
      const deal = await newDeal(rep, 10_000);
      let r = (await submit(rep, p.id, deal.id)).json() as Request;
      await decide(manager, r.id, 'approve');
      r = (await decide(director, r.id, 'reject', 'too cheap')).json() as Request;
      expect(r.status).toBe('rejected');
      expect(r.lockedFields).toEqual([]);
      expect((await inject(outsider, 'POST', `/api/v1/approvals/${r.id}/resubmit`, { comment: '' })).statusCode).toBe(403);
      const again = await inject(rep, 'POST', `/api/v1/approvals/${r.id}/resubmit`, { comment: 'raised the price' });
      expect(again.statusCode, again.body).toBe(200);
      r = again.json() as Request;
      expect(r).toMatchObject({ status: 'pending', round: 2, currentStage: restartAt });
      expect(pendingFor(r)).toEqual([approver.userId]);
      expect((await eventsOf(r.id)).map((e) => e.outcome)).toEqual(['submitted', 'rejected', 'submitted']);
    }
  });

  it('returns a request for changes: the fields unlock, the submitter edits and resubmits', async () => {
    const p = await process({ name: 'Return', guardedFields: ['amountMinor', 'stageId'], steps: [{ name: 'Boss', approver: { kind: 'supervisor' } }] });
    const deal = await newDeal(rep, 10_000);
    let r = (await submit(rep, p.id, deal.id)).json() as Request;
    // The stage is guarded too: a move waits for the decision.
    const [pipeline] = (await inject(rep, 'GET', '/api/v1/pipelines')).json().data as Array<{ stages: Array<{ id: string }> }>;
    const moved = await inject(rep, 'POST', `/api/v1/deals/${deal.id}/move`, { version: deal.version, stageId: pipeline.stages[1].id });
    expect(moved.statusCode).toBe(422);
    expect(moved.json().error.details.fields[0].field).toBe('stageId');
    r = (await decide(manager, r.id, 'return', 'add the discount')).json() as Request;
    expect(r.status).toBe('returned');
    expect(r.tasks[0]).toMatchObject({ status: 'returned', comment: 'add the discount' });
    const edited = await inject(rep, 'PATCH', `/api/v1/deals/${deal.id}`, { version: deal.version, amountMinor: 9_000 });
    expect(edited.statusCode, edited.body).toBe(200);
    r = (await inject(rep, 'POST', `/api/v1/approvals/${r.id}/resubmit`, { comment: 'done' })).json() as Request;
    expect(r.status).toBe('pending');
    expect((await eventsOf(r.id)).map((e) => e.outcome)).toEqual(['submitted', 'returned', 'submitted']);
  });

  it('is withdrawn by its submitter only, which unlocks the record and ends the decisions', async () => {
    const p = await process({ name: 'Withdraw', guardedFields: ['amountMinor'], steps: [{ name: 'Boss', approver: { kind: 'supervisor' } }] });
    const deal = await newDeal(rep, 10_000);
    const r = (await submit(rep, p.id, deal.id)).json() as Request;
    expect((await inject(manager, 'POST', `/api/v1/approvals/${r.id}/withdraw`, { comment: '' })).statusCode).toBe(403);
    const withdrawn = await inject(rep, 'POST', `/api/v1/approvals/${r.id}/withdraw`, { comment: 'not yet' });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', lockedFields: [] });
    expect((await decide(manager, r.id, 'approve')).statusCode).toBe(409);
    expect((await inject(rep, 'POST', `/api/v1/approvals/${r.id}/withdraw`, { comment: '' })).statusCode).toBe(409);
    expect((await inject(rep, 'PATCH', `/api/v1/deals/${deal.id}`, { version: deal.version, amountMinor: 1 })).statusCode).toBe(200);
    expect((await eventsOf(r.id)).map((e) => e.outcome)).toEqual(['submitted', 'withdrawn']);
  });

  it('is withdrawn when its record goes to the trash, releasing the lock and the approvers', async () => {
    const p = await process({ name: 'Trash', guardedFields: ['amountMinor'], steps: [{ name: 'Boss', approver: { kind: 'supervisor' } }] });
    const deal = await newDeal(rep, 20_000);
    const r = (await submit(rep, p.id, deal.id)).json() as Request;
    expect((await inject(w.admin, 'DELETE', `/api/v1/deals/${deal.id}`)).statusCode).toBe(204);
    await w.t.services.outbox.dispatch();
    const after = (await inject(rep, 'GET', `/api/v1/approvals/${r.id}`)).json();
    expect(after).toMatchObject({ status: 'withdrawn', lockedFields: [] });
    expect(JSON.stringify(after.history)).toContain('moved to the trash');
    expect((await decide(manager, r.id, 'approve')).statusCode).toBe(409);
    expect((await eventsOf(r.id)).map((e) => e.outcome)).toEqual(['submitted', 'withdrawn']);
  });

  it('approves automatically, or asks the admins, when a step has nobody to ask', async () => {
    // The rep's department has no head.
    const auto = await process({ name: 'Auto', noApprover: 'auto_approve', steps: [{ name: 'Head', approver: { kind: 'department_head' } }] });
    const deal = await newDeal(rep, 10_000);
    const r = (await submit(rep, auto.id, deal.id)).json() as Request;
    expect(r.status).toBe('approved');
    expect(r.tasks).toMatchObject([{ approverId: null, status: 'approved', automatic: true }]);

    const toAdmin = await process({ name: 'Admin', noApprover: 'admin', steps: [{ name: 'Head', approver: { kind: 'department_head' } }] });
    const deal2 = await newDeal(rep, 10_000);
    const r2 = (await submit(rep, toAdmin.id, deal2.id)).json() as Request;
    expect(pendingFor(r2)).toEqual([w.admin.userId]);
    expect((await decide(w.admin, r2.id, 'approve')).json().status).toBe('approved');
  });

  it('asks the submitter to choose the approver when the step says so', async () => {
    const p = await process({ name: 'Choice', steps: [{ name: 'Chosen', approver: { kind: 'submitter_choice' } }] });
    const deal = await newDeal(rep, 10_000);
    const missing = await submit(rep, p.id, deal.id);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields[0].field).toBe('chosenApproverId');
    const r = (await submit(rep, p.id, deal.id, { chosenApproverId: viewerA.userId })).json() as Request;
    expect(pendingFor(r)).toEqual([viewerA.userId]);
  });

  it('locks guarded fields of an account too (the customers update path), and only while pending', async () => {
    const created = await inject(rep, 'POST', '/api/v1/accounts', { name: 'Locked Co', industry: 'Retail' });
    expect(created.statusCode, created.body).toBe(201);
    const account = created.json() as { id: string; version: number };
    const res = await inject(w.admin, 'POST', '/api/v1/approval-processes', { object: 'account', name: 'Key account', guardedFields: ['industry'], steps: [{ name: 'Boss', approver: { kind: 'supervisor' } }] });
    expect(res.statusCode, res.body).toBe(201);
    const r = (await inject(rep, 'POST', '/api/v1/approvals', { object: 'account', recordId: account.id })).json() as Request;
    expect(r.status).toBe('pending');
    const locked = await inject(rep, 'PATCH', `/api/v1/accounts/${account.id}?lang=zh-CN`, { version: account.version, industry: 'Energy' });
    expect(locked.statusCode).toBe(422);
    expect(locked.json().error.message).toBe('记录正在审批中，行业已锁定，不能修改。');
    expect(locked.json().error.details.fields[0].field).toBe('industry');
    const renamed = await inject(rep, 'PATCH', `/api/v1/accounts/${account.id}`, { version: account.version, name: 'Locked Co Ltd' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    await decide(manager, r.id, 'approve');
    const after = await inject(rep, 'PATCH', `/api/v1/accounts/${account.id}`, { version: renamed.json().version, industry: 'Energy' });
    expect(after.statusCode, after.body).toBe(200);
  });

  it("shows a record's panel only to who may read the record", async () => {
    const deal = await newDeal(rep, 10_000);
    const panel = await inject(rep, 'GET', `/api/v1/approvals/records/deal/${deal.id}`);
    expect(panel.statusCode, panel.body).toBe(200);
    expect(panel.json().latest).toBeNull();
    expect((await inject(outsider, 'GET', `/api/v1/approvals/records/deal/${deal.id}`)).statusCode).toBe(404);
    expect((await inject(outsider, 'POST', '/api/v1/approvals', { object: 'deal', recordId: deal.id })).statusCode).toBe(404);
  });
});

describe('approvals in workflows and on the timeline', () => {
  it('the request_approval action submits once per step idempotency key, and the events carry the run', async () => {
    const p = await process({ name: 'From a workflow', steps: [{ name: 'Boss', approver: { kind: 'supervisor' } }] });
    const deal = await newDeal(rep, 10_000, 'Workflow deal');
    const action = workflowAction('automation.request_approval')!;
    expect(workflowEvent(AUTOMATION_EVENTS.approvalApproved)?.correlate).toMatchObject({ recordIdKey: 'recordId', runIdKey: 'runId' });
    const actor = (await loadActor(w.t.database.db, w.workspaceId, rep.userId))!;
    const ctx = { env: w.t.env, database: w.t.database, db: w.t.database.db, workspaceId: w.workspaceId, actor, locale: 'en' as const };
    const actx = { ctx, workflowId: 'wf', runId: 'run-1', stepId: 'ask', idempotencyKey: 'run-1:ask', record: { object: 'deal', id: deal.id, values: { name: 'Workflow deal' } }, trigger: {}, steps: {}, now: new Date(), merge: async (t: string) => t } as unknown as WorkflowActionContext;
    expect((await action.describe(actx, { processId: p.id })).summary).toContain('From a workflow');
    const first = await action.run(actx, { processId: p.id });
    const again = await action.run(actx, { processId: p.id });
    expect(again.requestId).toBe(first.requestId);
    await decide(manager, first.requestId as string, 'approve');
    const events = await eventsOf(first.requestId as string);
    expect(events.at(-1)).toMatchObject({ event: AUTOMATION_EVENTS.approvalApproved, runId: 'run-1', stepId: 'ask', recordId: deal.id });
    expect(await action.check!(ctx, { processId: p.id }, 'account')).toHaveLength(1);
  });

  it('writes each step on the timeline of the deal\'s account', async () => {
    const account = (await inject(rep, 'POST', '/api/v1/accounts', { name: 'Timeline Co' })).json() as { id: string };
    const res = await inject(rep, 'POST', '/api/v1/deals', { name: 'Timeline deal', amountMinor: 10_000, accountId: account.id });
    expect(res.statusCode, res.body).toBe(201);
    const p = await process({ name: 'Timeline', steps: [{ name: 'Boss', approver: { kind: 'supervisor' } }] });
    const r = (await submit(rep, p.id, res.json().id)).json() as Request;
    await decide(manager, r.id, 'reject', 'no budget');
    await w.t.services.outbox.dispatch();
    const res2 = await inject(rep, 'GET', `/api/v1/accounts/${account.id}/timeline`);
    expect(res2.statusCode, res2.body).toBe(200);
    const timeline = res2.json() as { data: Array<{ kind: string; title: string; body: string }> };
    const entries = timeline.data.filter((e) => e.kind.startsWith('approval_'));
    expect(entries.map((e) => e.kind).sort()).toEqual(['approval_rejected', 'approval_submitted']);
    expect(entries.find((e) => e.kind === 'approval_rejected')).toMatchObject({ title: '"Timeline deal" rejected (Timeline)', body: 'no budget' });
  });
});
