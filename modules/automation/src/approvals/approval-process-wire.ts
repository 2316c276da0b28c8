import { and, eq, isNull } from 'drizzle-orm';
import type { TApprovalProcess } from '@voyage/contracts';
import { AppError, workflowRecordSource, type Context, type Locale } from '@voyage/kernel';
import { approvalProcesses, type ApprovalProcessRow } from '../db/approvals';
import { APPROVAL_ERRORS } from './approval-messages';

/** The record kind's name in the reader's language (its key when the catalogue lost it). */
export function objectLabel(object: string, locale: Locale): string {
  return workflowRecordSource(object)?.labels[locale] ?? object;
}

export function processToWire(row: ApprovalProcessRow, locale: Locale): TApprovalProcess {
  return {
    id: row.id, name: row.name, description: row.description, object: row.object, objectLabel: objectLabel(row.object, locale), active: row.active,
    steps: row.steps.map((s) => ({ id: s.id, name: s.name, condition: s.condition, approver: { kind: s.approver.kind, userId: s.approver.userId ?? null, roleId: s.approver.roleId ?? null, mode: s.approver.mode, levels: s.approver.levels } })),
    noApprover: row.noApprover, guardedFields: row.guardedFields, resubmit: row.resubmit, onApproved: row.onApproved, onRejected: row.onRejected,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), deletedAt: row.deletedAt?.toISOString() ?? null, version: row.version,
  };
}

/** A process of the workspace (trashed ones only when asked), or 404. */
export async function loadProcess(ctx: Pick<Context, 'db' | 'workspaceId'>, id: string, options: { trashed?: boolean; forUpdate?: boolean } = {}): Promise<ApprovalProcessRow> {
  const q = ctx.db.select().from(approvalProcesses)
    .where(and(eq(approvalProcesses.workspaceId, ctx.workspaceId), eq(approvalProcesses.id, id), options.trashed ? undefined : isNull(approvalProcesses.deletedAt)));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError(APPROVAL_ERRORS.processNotFound);
  return row;
}
