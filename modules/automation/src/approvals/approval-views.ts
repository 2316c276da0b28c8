import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { TApprovalRequest, TRecordApprovals } from '@voyage/contracts';
import { AppError, findVisibleRecordIds, hasCapability, lockedFieldsOf, recordTableOf, recordTitles, schema, workflowRecordSource, type Context } from '@voyage/kernel';
import { approvalHistory, approvalProcesses, approvalRequests, approvalTasks, type ApprovalRequestRow } from '../db/approvals';
import { APPROVAL_ERRORS } from './approval-messages';
import { objectLabel } from './approval-process-wire';

export async function loadRequest(ctx: Pick<Context, 'db' | 'workspaceId'>, id: string, options: { forUpdate?: boolean } = {}): Promise<ApprovalRequestRow> {
  const q = ctx.db.select().from(approvalRequests).where(and(eq(approvalRequests.workspaceId, ctx.workspaceId), eq(approvalRequests.id, id)));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError(APPROVAL_ERRORS.requestNotFound);
  return row;
}

/** Requests as the reader sees them: names, titles, tasks, history and what the reader may do. One query per part, whatever the count. */
export async function requestViews(ctx: Context, rows: ApprovalRequestRow[]): Promise<TApprovalRequest[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [tasks, history] = await Promise.all([
    ctx.db.select().from(approvalTasks).where(and(eq(approvalTasks.workspaceId, ctx.workspaceId), inArray(approvalTasks.requestId, ids))).orderBy(asc(approvalTasks.round), asc(approvalTasks.stageIndex), asc(approvalTasks.createdAt)),
    ctx.db.select().from(approvalHistory).where(and(eq(approvalHistory.workspaceId, ctx.workspaceId), inArray(approvalHistory.requestId, ids))).orderBy(asc(approvalHistory.at), asc(approvalHistory.id)),
  ]);
  const userIds = [...new Set([...rows.map((r) => r.submittedBy), ...tasks.flatMap((t) => (t.approverId ? [t.approverId] : [])), ...history.flatMap((h) => (h.actorId ? [h.actorId] : []))])];
  const users = new Map((await ctx.db.select({ id: schema.users.id, name: schema.users.name }).from(schema.users).where(inArray(schema.users.id, userIds))).map((u) => [u.id, u.name]));
  const titles = new Map<string, string>();
  const locks = new Map<string, Set<string>>();
  for (const object of new Set(rows.map((r) => r.object))) {
    const recordIds = rows.filter((r) => r.object === object).map((r) => r.recordId);
    for (const [id, title] of await recordTitles(ctx.db, ctx.workspaceId, object, recordIds)) titles.set(id, title);
    for (const [id, fields] of await lockedFieldsOf(ctx.db, ctx.workspaceId, object, recordIds)) locks.set(`${object}:${id}`, fields);
  }
  return rows.map((r) => {
    const own = tasks.filter((t) => t.requestId === r.id);
    const canDecide = r.status === 'pending' && own.some((t) => t.round === r.round && t.stageIndex === r.currentStage && t.status === 'pending' && t.approverId === ctx.actor.userId);
    const mine = r.submittedBy === ctx.actor.userId;
    const lockedFields = r.status === 'pending' ? [...(locks.get(`${r.object}:${r.recordId}`) ?? [])] : [];
    const fieldLabels = new Map(workflowRecordSource(r.object)?.fields.map((f) => [f.key, f.labels[ctx.locale]]) ?? []);
    return {
      id: r.id, processId: r.processId, processName: r.process.name, object: r.object, objectLabel: objectLabel(r.object, ctx.locale), recordId: r.recordId,
      recordTitle: titles.get(r.recordId) ?? null, status: r.status, submittedBy: r.submittedBy, submitterName: users.get(r.submittedBy) ?? '', round: r.round,
      stages: r.stages, currentStage: r.currentStage,
      tasks: own.map((t) => ({ id: t.id, round: t.round, stageIndex: t.stageIndex, approverId: t.approverId, approverName: t.approverId ? users.get(t.approverId) ?? '' : null, status: t.status, comment: t.comment, decidedAt: t.decidedAt?.toISOString() ?? null, automatic: t.approverId === null })),
      history: history.filter((h) => h.requestId === r.id).map((h) => ({ at: h.at.toISOString(), actorId: h.actorId, actorName: h.actorId ? users.get(h.actorId) ?? '' : null, action: h.action, comment: h.comment, stageIndex: h.stageIndex })),
      lockedFields, lockedFieldLabels: lockedFields.map((f) => fieldLabels.get(f) ?? f),
      canDecide, canWithdraw: mine && r.status === 'pending', canResubmit: mine && ['rejected', 'returned', 'withdrawn'].includes(r.status),
      submittedAt: r.submittedAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null, version: r.version,
    };
  });
}

async function canSeeRecord(ctx: Context, object: string, recordId: string): Promise<boolean> {
  if (!recordTableOf(object)) return hasCapability(ctx.actor, 'automation.manage');
  return (await findVisibleRecordIds(ctx, object, [recordId])).has(recordId);
}

/**
 * One request: for its submitter, anyone it was ever sent to, workflow managers, and whoever may
 * read the record. Others get a 404, as for a request that does not exist.
 */
export async function getApprovalRequest(ctx: Context, id: string): Promise<TApprovalRequest> {
  const row = await loadRequest(ctx, id);
  const [view] = await requestViews(ctx, [row]);
  const involved = row.submittedBy === ctx.actor.userId || view.tasks.some((t) => t.approverId === ctx.actor.userId) || hasCapability(ctx.actor, 'automation.manage');
  if (!involved && !(await canSeeRecord(ctx, row.object, row.recordId))) throw new AppError(APPROVAL_ERRORS.requestNotFound);
  return view;
}

/** The "My approvals" inbox: waiting for my decision, submitted by me, or decided by me (newest first, the latest 200). */
export async function listApprovals(ctx: Context, box: 'pending' | 'submitted' | 'done'): Promise<{ data: TApprovalRequest[] }> {
  const r = approvalRequests;
  const t = approvalTasks;
  const ws = eq(r.workspaceId, ctx.workspaceId);
  let rows: ApprovalRequestRow[];
  if (box === 'submitted') {
    rows = await ctx.db.select().from(r).where(and(ws, eq(r.submittedBy, ctx.actor.userId))).orderBy(desc(r.submittedAt)).limit(200);
  } else {
    const statuses = box === 'pending' ? ['pending' as const] : ['approved' as const, 'rejected' as const, 'returned' as const];
    const taskRows = await ctx.db.selectDistinct({ requestId: t.requestId }).from(t)
      .where(and(eq(t.workspaceId, ctx.workspaceId), eq(t.approverId, ctx.actor.userId), inArray(t.status, statuses)));
    const ids = taskRows.map((x) => x.requestId);
    rows = ids.length ? await ctx.db.select().from(r).where(and(ws, inArray(r.id, ids), box === 'pending' ? eq(r.status, 'pending') : undefined)).orderBy(desc(r.submittedAt)).limit(200) : [];
  }
  const views = await requestViews(ctx, rows);
  return { data: box === 'pending' ? views.filter((v) => v.canDecide) : views };
}

/** The approval panel of a record: its latest request, the processes it may go to, its locked fields. */
export async function getRecordApprovals(ctx: Context, object: string, recordId: string): Promise<TRecordApprovals> {
  if (!(await canSeeRecord(ctx, object, recordId))) throw new AppError('not_found', { params: { what: object } });
  const [latest] = await ctx.db.select().from(approvalRequests)
    .where(and(eq(approvalRequests.workspaceId, ctx.workspaceId), eq(approvalRequests.object, object), eq(approvalRequests.recordId, recordId)))
    .orderBy(desc(approvalRequests.createdAt)).limit(1);
  const processes = await ctx.db.select().from(approvalProcesses)
    .where(and(eq(approvalProcesses.workspaceId, ctx.workspaceId), eq(approvalProcesses.object, object), eq(approvalProcesses.active, true), isNull(approvalProcesses.deletedAt)))
    .orderBy(asc(approvalProcesses.createdAt));
  const locked = (await lockedFieldsOf(ctx.db, ctx.workspaceId, object, [recordId])).get(recordId);
  return {
    latest: latest ? (await requestViews(ctx, [latest]))[0] : null,
    processes: processes.map((p) => ({ id: p.id, name: p.name, needsChosenApprover: p.steps.some((s) => s.approver.kind === 'submitter_choice') })),
    lockedFields: [...(locked ?? [])],
  };
}
