import { and, eq, sql } from 'drizzle-orm';
import type { TUpdateLeadRequest } from '@voyage/contracts';
import { AppError, assertWritableFields, diffValues, runInTransaction, validationError, writeAudit, type Context } from '@voyage/kernel';
import { leads, type LeadRow } from '../db/leads';
import { checkLeadCustom, checkLeadOwners } from './check-lead-input';
import { emitLeadEvents } from './lead-events';
import { LEAD_ERRORS } from './lead-messages';
import { leadToWire } from './lead-wire';
import { loadLead } from './load-lead';
import { normalizeLeadContact, phoneRegionOf } from './normalize-lead';

/** A stale version is a 409; a converted lead is frozen (422). */
export function assertLeadWritable(lead: LeadRow, version: number): void {
  if (lead.version !== version) throw new AppError('version_conflict', { details: { field: 'version', id: lead.id, currentVersion: lead.version } });
  if (lead.status === 'converted') throw new AppError(LEAD_ERRORS.converted);
}

/** Changes a lead's profile fields (status changes go through qualify/disqualify/convert). */
export async function updateLead(ctx: Context, id: string, input: TUpdateLeadRequest): Promise<LeadRow> {
  assertWritableFields(ctx.actor, 'lead', input);
  return runInTransaction(ctx, async (tx) => {
    const current = await loadLead(tx, id, 'update', { forUpdate: true });
    assertLeadWritable(current, input.version);
    const { values: contact, issues } = normalizeLeadContact(tx, input, await phoneRegionOf(tx.db, tx.workspaceId));
    if (issues.length) throw validationError(issues);
    if (input.ownerId !== undefined) await checkLeadOwners(tx, [input.ownerId]);
    const [custom] = await checkLeadCustom(tx, [input], 'update');
    const { version: _v, custom: _c, ...fields } = input;
    const changes: Record<string, unknown> = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    Object.assign(changes, contact);
    if (changes.phone !== undefined) changes.phone = (changes.phone as string | null)?.trim() || null;
    if (changes.mobile !== undefined) changes.mobile = (changes.mobile as string | null)?.trim() || null;
    if (input.custom !== undefined) changes.custom = { ...current.custom, ...custom };
    const [row] = await tx.db.update(leads).set({ ...changes, version: sql`${leads.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId })
      .where(and(eq(leads.workspaceId, tx.workspaceId), eq(leads.id, id))).returning();
    const { oldValues, newValues } = diffValues(leadToWire(current), leadToWire(row));
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'update', object: 'lead', recordId: id, summary: row.name, oldValues, newValues, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    await emitLeadEvents(tx, 'updated', [row], { changes: newValues, previous: oldValues });
    return row;
  });
}
