import { and, eq, inArray } from 'drizzle-orm';
import { AUTOMATION_EVENTS, CUSTOMERS_TIMELINE_APPEND, type TApprovalEventPayload, type TTimelineAppendEvent } from '@voyage/contracts';
import { emitEvents, notify, publicBaseUrl, queueMail, recordTitles, schema, translate, workflowRecordSource, writeAudit, type Context, type EmitInput, type Locale } from '@voyage/kernel';
import type { ApprovalRequestRow } from '../db/approvals';
import { approvalLinkExpiry, approvalLinkUrl } from './approval-link-token';
import { objectLabel } from './approval-process-wire';

export type ApprovalOutcome = TApprovalEventPayload['outcome'];

const EVENT_OF: Record<ApprovalOutcome, string> = {
  submitted: AUTOMATION_EVENTS.approvalSubmitted,
  approved: AUTOMATION_EVENTS.approvalApproved,
  rejected: AUTOMATION_EVENTS.approvalRejected,
  returned: AUTOMATION_EVENTS.approvalReturned,
  withdrawn: AUTOMATION_EVENTS.approvalWithdrawn,
};

export async function recordTitle(ctx: Context, object: string, recordId: string): Promise<string> {
  return (await recordTitles(ctx.db, ctx.workspaceId, object, [recordId])).get(recordId) ?? recordId;
}

/** The accounts and contacts whose timeline shows an approval of this record. */
async function timelineSubjects(ctx: Context, object: string, recordId: string): Promise<Array<{ type: 'account' | 'contact'; id: string }>> {
  if (object === 'account' || object === 'contact') return [{ type: object, id: recordId }];
  const values = (await workflowRecordSource(object)?.load(ctx.db, ctx.workspaceId, [recordId]))?.get(recordId);
  if (!values) return [];
  const subjects: Array<{ type: 'account' | 'contact'; id: string }> = [];
  if (typeof values.accountId === 'string') subjects.push({ type: 'account', id: values.accountId });
  const contactId = values.primaryContactId ?? values.contactId;
  if (typeof contactId === 'string') subjects.push({ type: 'contact', id: contactId });
  return subjects;
}

/** What a step of a request is called on the audit log and the timeline. */
export type ApprovalTrailKind = ApprovalOutcome | 'step_approved';

/**
 * What every step of a request leaves behind, in the caller's transaction: the outbox event
 * workflows react to (outcomes only, not a stage approved on the way), the audit entry, and an
 * entry on the timeline of the record's account and contact. `key` makes the timeline entry unique.
 */
export async function recordApprovalOutcome(ctx: Context, request: ApprovalRequestRow, kind: ApprovalTrailKind, key: string, comment: string, stage: string | null = null): Promise<void> {
  const title = await recordTitle(ctx, request.object, request.recordId);
  const events: EmitInput[] = [];
  if (kind !== 'step_approved') {
    const payload: TApprovalEventPayload = {
      requestId: request.id, object: request.object, recordId: request.recordId, processId: request.processId, outcome: kind,
      ...(request.runId ? { runId: request.runId } : {}), ...(request.runStepId ? { stepId: request.runStepId } : {}),
    };
    events.push({ workspaceId: ctx.workspaceId, event: EVENT_OF[kind], payload, actorUserId: ctx.actor.userId });
  }
  for (const s of await timelineSubjects(ctx, request.object, request.recordId)) {
    const entry: TTimelineAppendEvent = {
      subjectType: s.type, subjectId: s.id, kind: `approval_${kind}`,
      title: { key: `automation.approvals.timeline.${kind}`, params: { record: title, process: request.process.name, step: stage ?? '' } },
      body: comment || null,
      data: { requestId: request.id, object: request.object, recordId: request.recordId, processId: request.processId },
      sourceId: `approval:${key}:${s.id}`,
    };
    events.push({ workspaceId: ctx.workspaceId, event: CUSTOMERS_TIMELINE_APPEND, payload: entry, actorUserId: ctx.actor.userId });
  }
  if (events.length) await emitEvents(ctx.db, events);
  await writeAudit(ctx.db, {
    workspaceId: ctx.workspaceId, action: `approval_${kind}`, object: request.object, recordId: request.recordId, summary: `${request.process.name}: ${title}`,
    newValues: { requestId: request.id, status: request.status, round: request.round, stage: stage ?? request.currentStage, comment },
    actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, requestId: ctx.requestId, ip: ctx.ip,
  });
}

async function recipients(ctx: Context, userIds: string[]): Promise<Array<{ id: string; email: string; locale: Locale }>> {
  if (userIds.length === 0) return [];
  const rows = await ctx.db.select({ id: schema.users.id, email: schema.users.email, locale: schema.users.locale }).from(schema.users).where(inArray(schema.users.id, [...new Set(userIds)]));
  return rows.map((r) => ({ id: r.id, email: r.email, locale: (r.locale as Locale | null) ?? ctx.locale }));
}

async function userName(ctx: Context, userId: string): Promise<string> {
  const [row] = await ctx.db.select({ name: schema.users.name }).from(schema.users).where(and(eq(schema.users.id, userId)));
  return row?.name ?? '';
}

/**
 * Tells the approvers of a stage, in the app and by email. The email carries each approver's own
 * signed link to decide without signing in (bound to their task in this stage, expiring), and
 * the request's page in the app.
 */
export async function notifyApprovers(ctx: Context, request: ApprovalRequestRow, tasks: Array<{ id: string; approverId: string }>, comment: string): Promise<void> {
  const title = await recordTitle(ctx, request.object, request.recordId);
  const submitter = await userName(ctx, request.submittedBy);
  const link = `/approvals/${request.id}`;
  const expiresAt = approvalLinkExpiry(ctx.env);
  const taskOf = new Map(tasks.map((t) => [t.approverId, t.id]));
  for (const r of await recipients(ctx, [...taskOf.keys()])) {
    const decideLink = approvalLinkUrl(ctx.env, { workspaceId: ctx.workspaceId, taskId: taskOf.get(r.id)!, expiresAt });
    const params = { record: title, submitter, object: objectLabel(request.object, r.locale), process: request.process.name, comment, link: decideLink, appLink: `${publicBaseUrl(ctx.env)}${link}`, days: ctx.env.APPROVAL_LINK_DAYS };
    const dedupe = `approval:${request.id}:${request.round}:${request.currentStage}:${r.id}`;
    await notify(ctx.db, { workspaceId: ctx.workspaceId, userIds: [r.id], kind: 'approval_pending', title: translate(r.locale, 'automation.approvals.notify.pending', params), body: translate(r.locale, 'automation.approvals.notify.pending_body', params), link, dedupeKey: dedupe });
    await queueMail(ctx.db, { workspaceId: ctx.workspaceId, to: r.email, subject: translate(r.locale, 'automation.approvals.notify.pending', params), text: translate(r.locale, 'automation.approvals.mail.pending_text', params), dedupeKey: dedupe });
  }
}

/** Tells the submitter how the request ended. */
export async function notifySubmitter(ctx: Context, request: ApprovalRequestRow, status: 'approved' | 'rejected' | 'returned', comment: string): Promise<void> {
  if (request.submittedBy === ctx.actor.userId) return;
  const title = await recordTitle(ctx, request.object, request.recordId);
  for (const r of await recipients(ctx, [request.submittedBy])) {
    const params = { record: title, status: translate(r.locale, `automation.approvals.status.${status}`), actor: ctx.actor.name, comment };
    await notify(ctx.db, { workspaceId: ctx.workspaceId, userIds: [r.id], kind: `approval_${status}`, title: translate(r.locale, 'automation.approvals.notify.decided', params), body: translate(r.locale, 'automation.approvals.notify.decided_body', params), link: `/approvals/${request.id}`, dedupeKey: `approval:${request.id}:${request.round}:${status}` });
  }
}
