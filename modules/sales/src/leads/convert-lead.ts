import { and, eq, sql } from 'drizzle-orm';
import { CUSTOMERS_TIMELINE_APPEND, type TConvertLeadRequest, type TTimelineAppendEvent } from '@voyage/contracts';
import { AppError, emitEvents, findVisibleRecordIds, recordService, runInTransaction, writeAudit, type Context } from '@voyage/kernel';
import { leads, type LeadRow } from '../db/leads';
import { createDeal } from '../deals/create-deal';
import { emitLeadEvents } from './lead-events';
import { LEAD_ERRORS } from './lead-messages';
import { loadLead } from './load-lead';

export interface ConvertLeadResult { lead: LeadRow; accountId: string | null; contactId: string; dealId: string | null }

/** Field errors of one part named under it (`deal.stageId`), so the dialog can point at the section. */
async function part<T>(prefix: 'account' | 'contact' | 'deal', step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const details = error instanceof AppError ? (error.details as { fields?: Array<{ field: string }> } | undefined) : undefined;
    if (details?.fields) for (const f of details.fields) f.field = `${prefix}.${f.field}`;
    throw error;
  }
}

async function existing(tx: Context, object: 'account' | 'contact', id: string): Promise<string> {
  const found = await findVisibleRecordIds(tx, object, [id]);
  if (!found.has(id)) throw new AppError('not_found', { params: { what: object }, details: { field: `${object}.id`, id } });
  return id;
}

function service(object: 'account' | 'contact') {
  const s = recordService(object);
  if (!s) throw new AppError('module_disabled', { params: { module: 'customers' } });
  return s;
}

/**
 * Converts a lead in one step: an account (new, existing or none), a contact (new or
 * existing, linked to the account) and a deal (new or none), all in one transaction, so a
 * part that fails leaves nothing behind and the lead unconverted. The lead keeps the links.
 */
export async function convertLead(ctx: Context, id: string, input: TConvertLeadRequest): Promise<ConvertLeadResult> {
  return runInTransaction(ctx, async (tx) => {
    const lead = await loadLead(tx, id, 'update', { forUpdate: true });
    if (lead.status === 'converted') throw new AppError(LEAD_ERRORS.alreadyConverted, { details: { convertedAt: lead.convertedAt?.toISOString() } });
    if (lead.version !== input.version) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: lead.version } });
    if (lead.status === 'disqualified') throw new AppError(LEAD_ERRORS.notConvertible);
    const ownerId = lead.ownerId ?? tx.actor.userId;

    let accountId: string | null = null;
    let accountCreated = false;
    if (input.account.mode === 'existing') accountId = await existing(tx, 'account', input.account.id);
    else if (input.account.mode === 'create') {
      const name = input.account.name ?? lead.company ?? lead.name;
      const account = await part('account', () => service('account').create(tx, { name, industry: lead.industry ?? undefined, region: lead.region ?? undefined, size: lead.size ?? undefined, ownerId }));
      accountId = account.id;
      accountCreated = true;
    }

    let contactId: string;
    let contactCreated = false;
    if (input.contact.mode === 'existing') contactId = await existing(tx, 'contact', input.contact.id);
    else {
      const contact = await part('contact', () => service('contact').create(tx, {
        name: lead.name, email: lead.email ?? undefined, phone: lead.phone ?? undefined, mobile: lead.mobile ?? undefined, title: lead.title ?? undefined,
        ...(accountId ? { accountId } : {}), ownerId,
      }));
      contactId = contact.id;
      contactCreated = true;
    }

    let dealId: string | null = null;
    if (input.deal.mode === 'create') {
      const { mode: _m, ...deal } = input.deal;
      const created = await part('deal', () => createDeal(tx, { ...deal, accountId, primaryContactId: contactId, ownerId, source: lead.source }));
      dealId = created.id as string;
    }

    const now = new Date();
    const [row] = await tx.db.update(leads).set({
      status: 'converted', convertedAccountId: accountId, convertedContactId: contactId, convertedDealId: dealId, convertedAt: now, convertedBy: tx.actor.userId,
      ownerId, version: sql`${leads.version} + 1`, updatedAt: now, updatedBy: tx.actor.userId,
    }).where(and(eq(leads.workspaceId, tx.workspaceId), eq(leads.id, id))).returning();
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'update', object: 'lead', recordId: id, summary: lead.name, oldValues: { status: lead.status }, newValues: { status: 'converted', convertedAccountId: accountId, convertedContactId: contactId, convertedDealId: dealId }, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    await emitLeadEvents(tx, 'converted', [row], { accountId, contactId, dealId, accountCreated, contactCreated });
    const subjects = [...(accountId ? [{ type: 'account' as const, id: accountId }] : []), { type: 'contact' as const, id: contactId }];
    await emitEvents(tx.db, subjects.map((s) => {
      const entry: TTimelineAppendEvent = {
        subjectType: s.type, subjectId: s.id, kind: 'lead_converted',
        title: { key: 'sales.timeline.lead_converted', params: { name: lead.name } },
        body: [lead.company, lead.source].filter(Boolean).join(' · ') || null,
        data: { leadId: id, dealId, source: lead.source, channel: lead.channel },
        sourceId: `lead:${id}:converted:${s.id}`,
      };
      return { workspaceId: tx.workspaceId, event: CUSTOMERS_TIMELINE_APPEND, payload: entry, actorUserId: tx.actor.userId };
    }));
    return { lead: row, accountId, contactId, dealId };
  });
}
