import { and, eq, sql } from 'drizzle-orm';
import { AppError, runInTransaction, writeAudit, type Context } from '@voyage/kernel';
import { leads, type LeadRow } from '../db/leads';
import { checkLeadOwners } from './check-lead-input';
import { emitLeadEvents } from './lead-events';
import { assertLeadWritable } from './update-lead';
import { loadLead } from './load-lead';

async function setOwner(tx: Context, lead: LeadRow, ownerId: string | null, how: 'claim' | 'assign'): Promise<LeadRow> {
  const [row] = await tx.db.update(leads).set({ ownerId, version: sql`${leads.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId })
    .where(and(eq(leads.workspaceId, tx.workspaceId), eq(leads.id, lead.id))).returning();
  await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'update', object: 'lead', recordId: lead.id, summary: lead.name, oldValues: { ownerId: lead.ownerId }, newValues: { ownerId, how }, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
  await emitLeadEvents(tx, 'assigned', [row], { fromOwnerId: lead.ownerId, how });
  return row;
}

/** Takes a lead from the pool; a lead someone took first is a 409. */
export async function claimLead(ctx: Context, id: string, version: number): Promise<LeadRow> {
  return runInTransaction(ctx, async (tx) => {
    const lead = await loadLead(tx, id, 'update', { forUpdate: true });
    assertLeadWritable(lead, version);
    if (lead.ownerId !== null) throw new AppError('conflict', { details: { field: 'ownerId', ownerId: lead.ownerId } });
    return setOwner(tx, lead, tx.actor.userId, 'claim');
  });
}

/** Gives a lead to a member (or back to the pool with null). */
export async function assignLead(ctx: Context, id: string, version: number, ownerId: string | null): Promise<LeadRow> {
  return runInTransaction(ctx, async (tx) => {
    const lead = await loadLead(tx, id, 'update', { forUpdate: true });
    assertLeadWritable(lead, version);
    await checkLeadOwners(tx, [ownerId]);
    return setOwner(tx, lead, ownerId, 'assign');
  });
}
