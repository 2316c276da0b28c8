import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOMATION_EVENTS } from '@voyage/contracts';
import { schema } from '@voyage/kernel';
import { addMember, createWorld, type SignedIn, type World } from '@voyage/testing';
import { approvalLinkToken } from '../src/approvals/approval-link-token';

let w: World;
type Who = { headers: Record<string, string> };
interface Request { id: string; status: string; currentStage: number | null; round: number; tasks: Array<{ id: string; approverId: string | null; status: string; comment: string; stageIndex: number; round: number }>; canDecide: boolean }
let manager: SignedIn; let director: SignedIn; let rep: SignedIn; let viewerA: SignedIn; let viewerB: SignedIn;

const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });
/** The public routes: no session, no key. */
const openLink = (token: string, lang = 'en') => w.t.app.inject({ method: 'GET', url: `/api/v1/approval-links/${token}?lang=${lang}` });
const decideLink = (token: string, decision: 'approve' | 'reject' | 'return', comment = '', lang = 'en') => w.t.app.inject({ method: 'POST', url: `/api/v1/approval-links/${token}/decide?lang=${lang}`, payload: { decision, comment } });
const member = async (role: string, name: string, supervisorId?: string) => w.as(await addMember(w.t.database, w.workspaceId, w.roleIds[role], { name, supervisorId }));
const process = async (steps: unknown[]) => {
  const res = await inject(w.admin, 'POST', '/api/v1/approval-processes', { object: 'deal', name: `Process ${Math.random()}`, guardedFields: ['amountMinor'], steps });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
};
const submitDeal = async (processId: string, name: string) => {
  const deal = await inject(rep, 'POST', '/api/v1/deals', { name, amountMinor: 70_000_000 });
  expect(deal.statusCode, deal.body).toBe(201);
  const res = await inject(rep, 'POST', '/api/v1/approvals', { processId, recordId: deal.json().id, comment: 'please' });
  expect(res.statusCode, res.body).toBe(201);
  return { request: res.json() as Request, dealId: deal.json().id as string };
};
/** The decision link of the approval email sent to a member for a deal. */
const mailedLink = async (who: SignedIn, dealName: string) => {
  const [user] = await w.t.database.db.select({ email: schema.users.email }).from(schema.users).where(eq(schema.users.id, who.userId));
  const mails = await w.t.database.db.select({ subject: schema.mailMessages.subject, text: schema.mailMessages.textBody }).from(schema.mailMessages)
    .where(and(eq(schema.mailMessages.workspaceId, w.workspaceId), eq(schema.mailMessages.toAddress, user.email)));
  const mail = mails.find((m) => m.subject.includes(dealName));
  expect(mail, `a mail to ${user.email} about ${dealName}`).toBeDefined();
  const token = /\/approval-link\?token=([\w.-]+)/.exec(mail!.text)?.[1];
  expect(token, mail!.text).toBeDefined();
  return { token: token!, text: mail!.text };
};

beforeAll(async () => {
  w = await createWorld();
  director = await member('manager', 'Director Zhao');
  manager = await member('manager', 'Manager Qian', director.userId);
  rep = await member('rep', 'Rep Sun', manager.userId);
  viewerA = await member('viewer', 'Viewer Li');
  viewerB = await member('viewer', 'Viewer Zhou');
});
afterAll(() => w.t.close());

describe('the approval email link', () => {
  it('opens the request and decides it without signing in, exactly as the inbox does, once', async () => {
    const p = await process([{ name: 'Manager', approver: { kind: 'user', userId: manager.userId } }, { name: 'Director', approver: { kind: 'user', userId: director.userId } }]);
    const { request, dealId } = await submitDeal(p.id, 'Link deal');
    const { token, text } = await mailedLink(manager, 'Link deal');
    // The app's page is in the mail too, for those who prefer to sign in.
    expect(text).toContain(`/approvals/${request.id}`);

    const opened = await openLink(token);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ approverName: 'Manager Qian', request: { id: request.id, recordTitle: 'Link deal', status: 'pending', canDecide: true } });
    expect(new Date(opened.json().expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const decided = await decideLink(token, 'approve', 'From my phone');
    expect(decided.statusCode, decided.body).toBe(200);
    const after = decided.json() as Request;
    expect(after).toMatchObject({ status: 'pending', currentStage: 1 });
    expect(after.tasks.find((t) => t.approverId === manager.userId)).toMatchObject({ status: 'approved', comment: 'From my phone' });

    // Used: refused, in the reader's language; the decision stands.
    const again = await decideLink(token, 'reject');
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'automation.approval_link_used', message: 'You have already decided on this request with this link.' });
    expect((await openLink(token, 'zh-CN')).json().error.message).toBe('您已通过此链接对该申请作出决定。');

    // The director's own link returns it for changes: the same outcome, audit and events as from the inbox.
    const second = await mailedLink(director, 'Link deal');
    const returned = await decideLink(second.token, 'return', 'Lower the amount');
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().status).toBe('returned');
    const audit = await w.t.database.db.select({ action: schema.auditLog.action, actor: schema.auditLog.actorUserId }).from(schema.auditLog)
      .where(and(eq(schema.auditLog.workspaceId, w.workspaceId), eq(schema.auditLog.recordId, dealId)));
    expect(audit).toEqual(expect.arrayContaining([{ action: 'approval_step_approved', actor: manager.userId }, { action: 'approval_returned', actor: director.userId }]));
    const events = (await w.t.database.db.select().from(schema.outbox).where(and(eq(schema.outbox.workspaceId, w.workspaceId), inArray(schema.outbox.event, Object.values(AUTOMATION_EVENTS)))).orderBy(asc(schema.outbox.occurredAt)))
      .filter((e) => (e.payload as { requestId?: string }).requestId === request.id);
    expect(events.map((e) => [e.event, e.actorUserId])).toEqual([[AUTOMATION_EVENTS.approvalSubmitted, rep.userId], [AUTOMATION_EVENTS.approvalReturned, director.userId]]);
    // The guarded amount is free again, as after an inbox decision.
    const deal = (await inject(rep, 'GET', `/api/v1/deals/${dealId}`)).json() as { version: number };
    const edited = await inject(rep, 'PATCH', `/api/v1/deals/${dealId}`, { version: deal.version, amountMinor: 40_000_000 });
    expect(edited.statusCode, edited.body).toBe(200);
  });

  it('refuses a tampered or expired link, and a link for a step that moved on', async () => {
    const p = await process([{ name: 'Viewers', approver: { kind: 'role', roleId: w.roleIds.viewer, mode: 'any' } }]);
    const { request } = await submitDeal(p.id, 'Moved deal');
    const a = await mailedLink(viewerA, 'Moved deal');
    const b = await mailedLink(viewerB, 'Moved deal');

    // Tampered: another signature, or another task under a signature.
    const [payload, signature] = a.token.split('.');
    const flipped = `${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    for (const bad of [flipped, `${b.token.split('.')[0]}.${signature}`, 'nonsense']) {
      const res = await openLink(bad);
      expect(res.statusCode, bad).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'automation.approval_link_invalid', message: 'This approval link is not valid. Open the request in Voyage CRM instead.' });
      expect((await decideLink(bad, 'approve')).statusCode).toBe(403);
    }

    // Expired: the same task, signed with a date gone by.
    const viewerATask = request.tasks.find((t) => t.approverId === viewerA.userId)!;
    const expired = approvalLinkToken(w.t.env, { workspaceId: w.workspaceId, taskId: viewerATask.id, expiresAt: new Date(Date.now() - 1000) });
    const old = await decideLink(expired, 'approve', '', 'zh-CN');
    expect(old.statusCode).toBe(410);
    expect(old.json().error.message).toBe('此审批链接已过期。请在 Voyage CRM 中打开该申请进行审批。');

    // "Any one of them": once viewer A approves from the inbox, viewer B's link is for a step that is over.
    expect((await inject(viewerA, 'POST', `/api/v1/approvals/${request.id}/decide`, { decision: 'approve', comment: '' })).statusCode).toBe(200);
    const late = await decideLink(b.token, 'reject');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('automation.approval_link_moved_on');
    expect((await openLink(b.token)).json().error.message).toBe('This request no longer awaits your decision at this step: it has moved on.');
    const final = (await inject(w.admin, 'GET', `/api/v1/approvals/${request.id}`)).json() as Request;
    expect(final.status).toBe('approved');
  });

  it('refuses a link once the submitter withdrew the request', async () => {
    const p = await process([{ name: 'Manager', approver: { kind: 'user', userId: manager.userId } }]);
    const { request } = await submitDeal(p.id, 'Withdrawn deal');
    const { token } = await mailedLink(manager, 'Withdrawn deal');
    expect((await inject(rep, 'POST', `/api/v1/approvals/${request.id}/withdraw`, { comment: 'not yet' })).statusCode).toBe(200);
    const res = await decideLink(token, 'approve');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('automation.approval_link_moved_on');
  });
});
