import { and, eq } from 'drizzle-orm';
import type { TApprovalLink, TApprovalRequest } from '@voyage/contracts';
import { AppError, isModuleEnabled, loadActor, type Context, type Database, type Env, type Locale, type ModuleRegistry } from '@voyage/kernel';
import { approvalTasks, type ApprovalTaskRow } from '../db/approvals';
import { parseApprovalLinkToken } from './approval-link-token';
import { APPROVAL_ERRORS } from './approval-messages';
import { loadRequest, requestViews } from './approval-views';
import { decideApproval } from './decide-approval';

interface LinkServices { env: Env; database: Database; registry: ModuleRegistry }
interface LinkMeta { locale: Locale; requestId?: string; ip?: string; now?: Date }

/**
 * Checks a link and gives the approver's context and their task: refused when the signature is
 * wrong, the link expired, the approver decided already, the step moved on (another approver
 * decided, the request was withdrawn or finished) or the approver is no longer a member.
 */
async function openLink(services: LinkServices, token: string, meta: LinkMeta): Promise<{ ctx: Context; task: ApprovalTaskRow; expiresAt: Date }> {
  const link = parseApprovalLinkToken(services.env, token);
  if (!link) throw new AppError(APPROVAL_ERRORS.linkInvalid);
  if (link.expiresAt.getTime() <= (meta.now ?? new Date()).getTime()) throw new AppError(APPROVAL_ERRORS.linkExpired);
  const { db } = services.database;
  const [task] = await db.select().from(approvalTasks).where(and(eq(approvalTasks.workspaceId, link.workspaceId), eq(approvalTasks.id, link.taskId)));
  if (!task?.approverId) throw new AppError(APPROVAL_ERRORS.linkInvalid);
  if (task.status === 'approved' || task.status === 'rejected' || task.status === 'returned') throw new AppError(APPROVAL_ERRORS.linkUsed);
  if (task.status !== 'pending') throw new AppError(APPROVAL_ERRORS.linkMovedOn);
  if (!(await isModuleEnabled(db, link.workspaceId, 'automation', services.registry))) throw new AppError(APPROVAL_ERRORS.linkInvalid);
  const actor = await loadActor(db, link.workspaceId, task.approverId);
  if (!actor) throw new AppError(APPROVAL_ERRORS.linkInvalid);
  const ctx: Context = { env: services.env, database: services.database, db, workspaceId: link.workspaceId, actor, locale: meta.locale, requestId: meta.requestId, ip: meta.ip };
  const request = await loadRequest(ctx, task.requestId);
  if (request.status !== 'pending' || request.round !== task.round || request.currentStage !== task.stageIndex) throw new AppError(APPROVAL_ERRORS.linkMovedOn);
  return { ctx, task, expiresAt: link.expiresAt };
}

/** What the link's page shows: the request as its approver sees it. */
export async function getApprovalLink(services: LinkServices, token: string, meta: LinkMeta): Promise<TApprovalLink> {
  const { ctx, task, expiresAt } = await openLink(services, token, meta);
  const [request] = await requestViews(ctx, [await loadRequest(ctx, task.requestId)]);
  return { request, approverName: ctx.actor.name, expiresAt: expiresAt.toISOString() };
}

/** Decides from the link exactly as from the inbox (same use case, audit, events), as the link's approver. */
export async function decideByApprovalLink(services: LinkServices, token: string, input: { decision: 'approve' | 'reject' | 'return'; comment: string }, meta: LinkMeta): Promise<TApprovalRequest> {
  const { ctx, task } = await openLink(services, token, meta);
  return decideApproval(ctx, task.requestId, input);
}
