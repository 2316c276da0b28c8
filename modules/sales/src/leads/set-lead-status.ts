import { and, eq, sql } from 'drizzle-orm';
import { AppError, runInTransaction, translate, writeAudit, type Context } from '@voyage/kernel';
import { leads, type LeadRow } from '../db/leads';
import { emitLeadEvents } from './lead-events';
import { LEAD_ERRORS } from './lead-messages';
import { assertLeadWritable } from './update-lead';
import { loadLead } from './load-lead';

export type LeadStatusChange = { to: 'qualified' | 'working' } | { to: 'disqualified'; reason?: string; note?: string | null };

/**
 * Qualifies, disqualifies (a reason is required: 422 naming `reason`) or reopens a lead
 * (`working`, clearing the disqualification).
 */
export async function setLeadStatus(ctx: Context, id: string, version: number, change: LeadStatusChange): Promise<LeadRow> {
  return runInTransaction(ctx, async (tx) => {
    const lead = await loadLead(tx, id, 'update', { forUpdate: true });
    assertLeadWritable(lead, version);
    let reason: string | null = null;
    let note: string | null = null;
    if (change.to === 'disqualified') {
      reason = change.reason?.trim() || null;
      if (!reason) {
        throw new AppError(LEAD_ERRORS.reasonRequired, {
          params: { field: 'reason' },
          details: { fields: [{ field: 'reason', code: 'required', message: translate(tx.locale, 'sales.field.required', { field: 'reason' }) }] },
        });
      }
      note = change.note?.trim() || null;
    }
    const [row] = await tx.db.update(leads).set({ status: change.to, disqualifyReason: reason, disqualifyNote: note, version: sql`${leads.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId })
      .where(and(eq(leads.workspaceId, tx.workspaceId), eq(leads.id, id))).returning();
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'update', object: 'lead', recordId: id, summary: lead.name, oldValues: { status: lead.status, disqualifyReason: lead.disqualifyReason }, newValues: { status: row.status, disqualifyReason: reason, disqualifyNote: note }, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    const kind = change.to === 'qualified' ? 'qualified' : change.to === 'disqualified' ? 'disqualified' : 'updated';
    await emitLeadEvents(tx, kind, [row], reason ? { reason } : {});
    return row;
  });
}
