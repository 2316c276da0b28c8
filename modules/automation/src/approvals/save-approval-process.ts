import { and, eq, sql } from 'drizzle-orm';
import type { TApprovalProcess, TCreateApprovalProcessRequest, TUpdateApprovalProcessRequest } from '@voyage/contracts';
import { ZCreateApprovalProcessRequest } from '@voyage/contracts';
import { AppError, diffValues, newId, runInTransaction, writeAudit, type Context } from '@voyage/kernel';
import { approvalProcesses } from '../db/approvals';
import { loadProcess, processToWire } from './approval-process-wire';
import { checkProcessInput } from './check-process-input';

const audit = (ctx: Context, action: string, id: string, name: string, oldValues: unknown, newValues: unknown) =>
  writeAudit(ctx.db, { workspaceId: ctx.workspaceId, action, object: 'approval_process', recordId: id, summary: name, oldValues, newValues, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, requestId: ctx.requestId, ip: ctx.ip });

export async function createApprovalProcess(ctx: Context, body: TCreateApprovalProcessRequest): Promise<TApprovalProcess> {
  const input = ZCreateApprovalProcessRequest.parse(body);
  return runInTransaction(ctx, async (tx) => {
    const steps = (await checkProcessInput(tx, input))!;
    const id = newId();
    const [row] = await tx.db.insert(approvalProcesses).values({
      workspaceId: tx.workspaceId, id, name: input.name, description: input.description ?? null, object: input.object, active: input.active, steps,
      noApprover: input.noApprover, guardedFields: input.guardedFields, resubmit: input.resubmit, onApproved: input.onApproved, onRejected: input.onRejected,
      createdBy: tx.actor.userId, updatedBy: tx.actor.userId,
    }).returning();
    const wire = processToWire(row, tx.locale);
    await audit(tx, 'create', id, row.name, null, wire);
    return wire;
  });
}

/** Changes a process (send the version read: a stale one is a 409). Pending requests keep the settings they started with. */
export async function updateApprovalProcess(ctx: Context, id: string, input: TUpdateApprovalProcessRequest): Promise<TApprovalProcess> {
  return runInTransaction(ctx, async (tx) => {
    const current = await loadProcess(tx, id, { forUpdate: true });
    if (current.version !== input.version) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: current.version } });
    const steps = await checkProcessInput(tx, {
      object: current.object, steps: input.steps,
      guardedFields: input.guardedFields ?? current.guardedFields, onApproved: input.onApproved ?? current.onApproved, onRejected: input.onRejected ?? current.onRejected,
    });
    const { version: _v, steps: _s, ...rest } = input;
    const changes = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    const [row] = await tx.db.update(approvalProcesses)
      .set({ ...changes, ...(steps ? { steps } : {}), version: sql`${approvalProcesses.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId })
      .where(and(eq(approvalProcesses.workspaceId, tx.workspaceId), eq(approvalProcesses.id, id)))
      .returning();
    const before = processToWire(current, tx.locale);
    const after = processToWire(row, tx.locale);
    const { oldValues, newValues } = diffValues(before, after);
    await audit(tx, 'update', id, row.name, oldValues, newValues);
    return after;
  });
}

/** Moves a process to the trash, or restores it from there (send the version read). */
export async function trashApprovalProcess(ctx: Context, id: string, version: number, restore = false): Promise<TApprovalProcess> {
  return runInTransaction(ctx, async (tx) => {
    const current = await loadProcess(tx, id, { forUpdate: true, trashed: restore });
    if (restore !== Boolean(current.deletedAt)) throw new AppError('not_found', { params: { what: 'approval_process' } });
    if (current.version !== version) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: current.version } });
    const now = new Date();
    const [row] = await tx.db.update(approvalProcesses)
      .set({ deletedAt: restore ? null : now, version: sql`${approvalProcesses.version} + 1`, updatedAt: now, updatedBy: tx.actor.userId })
      .where(and(eq(approvalProcesses.workspaceId, tx.workspaceId), eq(approvalProcesses.id, id)))
      .returning();
    await audit(tx, restore ? 'restore' : 'delete', id, row.name, null, null);
    return processToWire(row, tx.locale);
  });
}
