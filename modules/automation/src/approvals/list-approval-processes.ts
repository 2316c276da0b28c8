import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { TApprovalProcess } from '@voyage/contracts';
import type { Context } from '@voyage/kernel';
import { approvalProcesses } from '../db/approvals';
import { loadProcess, processToWire } from './approval-process-wire';

/** The workspace's approval processes (or its trash), optionally of one record kind. */
export async function listApprovalProcesses(ctx: Context, query: { object?: string; trash?: 'true' | 'false' }): Promise<{ data: TApprovalProcess[] }> {
  const rows = await ctx.db.select().from(approvalProcesses)
    .where(and(eq(approvalProcesses.workspaceId, ctx.workspaceId), query.trash === 'true' ? isNotNull(approvalProcesses.deletedAt) : isNull(approvalProcesses.deletedAt), query.object ? eq(approvalProcesses.object, query.object) : undefined))
    .orderBy(asc(approvalProcesses.object), asc(approvalProcesses.createdAt));
  return { data: rows.map((r) => processToWire(r, ctx.locale)) };
}

export async function getApprovalProcess(ctx: Context, id: string): Promise<TApprovalProcess> {
  return processToWire(await loadProcess(ctx, id), ctx.locale);
}
