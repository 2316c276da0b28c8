import { and, asc, eq, ne } from 'drizzle-orm';
import { AppError, findVisibleRecordIds, writeAudit, type Context } from '@voyage/kernel';
import { dealContacts, deals } from '../db/pipelines';
import { loadDeal } from './load-deal';
import { touchDeals } from './deal-activity';
import { runInTransaction } from '@voyage/kernel';

/** Stakeholders of a deal the actor may see. */
export async function listDealContacts(ctx: Context, dealId: string) {
  await loadDeal(ctx, dealId);
  const rows = await ctx.db.select().from(dealContacts)
    .where(and(eq(dealContacts.workspaceId, ctx.workspaceId), eq(dealContacts.dealId, dealId)))
    .orderBy(asc(dealContacts.createdAt), asc(dealContacts.contactId));
  return rows.map((r) => ({ contactId: r.contactId, role: r.role, isPrimary: r.isPrimary, createdAt: r.createdAt.toISOString() }));
}

/** Adds a contact to a deal or changes its role; `isPrimary` also sets the deal's primary contact. */
export async function putDealContact(ctx: Context, dealId: string, contactId: string, input: { role?: string | null; isPrimary?: boolean }) {
  return runInTransaction(ctx, async (tx) => {
    const deal = await loadDeal(tx, dealId, 'update', { forUpdate: true });
    const found = await findVisibleRecordIds(tx, 'contact', [contactId]);
    if (!found.has(contactId)) throw new AppError('not_found', { params: { what: 'contact' }, details: { field: 'contactId' } });
    const insert = tx.db.insert(dealContacts).values({ workspaceId: tx.workspaceId, dealId, contactId, role: input.role ?? null, isPrimary: input.isPrimary ?? false, createdBy: tx.actor.userId });
    const set = { ...(input.role !== undefined ? { role: input.role } : {}), ...(input.isPrimary !== undefined ? { isPrimary: input.isPrimary } : {}) };
    const target = [dealContacts.workspaceId, dealContacts.dealId, dealContacts.contactId];
    // An empty body adds the contact, or leaves an existing stakeholder as it is.
    await (Object.keys(set).length ? insert.onConflictDoUpdate({ target, set }) : insert.onConflictDoNothing({ target }));
    if (input.isPrimary) {
      await tx.db.update(dealContacts).set({ isPrimary: false }).where(and(eq(dealContacts.workspaceId, tx.workspaceId), eq(dealContacts.dealId, dealId), ne(dealContacts.contactId, contactId)));
      await tx.db.update(deals).set({ primaryContactId: contactId, updatedAt: new Date(), updatedBy: tx.actor.userId }).where(and(eq(deals.workspaceId, tx.workspaceId), eq(deals.id, dealId)));
    }
    await touchDeals(tx.db, tx.workspaceId, [dealId]);
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'update', object: 'deal', recordId: dealId, summary: deal.name, newValues: { stakeholder: { contactId, ...input } }, actorUserId: tx.actor.userId, requestId: tx.requestId, ip: tx.ip });
    return listDealContacts(tx, dealId);
  });
}

/** Removes a stakeholder; removing the primary contact clears the deal's primary contact. */
export async function removeDealContact(ctx: Context, dealId: string, contactId: string): Promise<void> {
  await runInTransaction(ctx, async (tx) => {
    const deal = await loadDeal(tx, dealId, 'update', { forUpdate: true });
    await tx.db.delete(dealContacts).where(and(eq(dealContacts.workspaceId, tx.workspaceId), eq(dealContacts.dealId, dealId), eq(dealContacts.contactId, contactId)));
    if (deal.primaryContactId === contactId) await tx.db.update(deals).set({ primaryContactId: null, updatedAt: new Date() }).where(and(eq(deals.workspaceId, tx.workspaceId), eq(deals.id, dealId)));
    await touchDeals(tx.db, tx.workspaceId, [dealId]);
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'update', object: 'deal', recordId: dealId, summary: deal.name, oldValues: { stakeholder: { contactId } }, actorUserId: tx.actor.userId, requestId: tx.requestId, ip: tx.ip });
  });
}
