import { and, eq, sql } from 'drizzle-orm';
import { CUSTOMER_EVENTS } from '@voyage/contracts';
import type { DomainEvent, ModuleSubscriber, SystemContext } from '@voyage/kernel';
import { dealContacts, deals } from '../db/pipelines';

interface MergedPayload { object: 'account' | 'contact'; survivorId: string; mergedId: string }

/**
 * When customers merges two accounts or contacts, deals follow the survivor: account,
 * primary contact and stakeholder rows. Running it twice changes nothing the second time.
 */
async function repointDeals(ctx: SystemContext, event: DomainEvent): Promise<void> {
  const p = event.payload as unknown as MergedPayload;
  const ws = event.workspaceId;
  if (!p.survivorId || !p.mergedId || p.survivorId === p.mergedId) return;
  if (p.object === 'account') {
    await ctx.db.update(deals).set({ accountId: p.survivorId, updatedAt: new Date(), version: sql`${deals.version} + 1` })
      .where(and(eq(deals.workspaceId, ws), eq(deals.accountId, p.mergedId)));
    return;
  }
  await ctx.db.update(deals).set({ primaryContactId: p.survivorId, updatedAt: new Date(), version: sql`${deals.version} + 1` })
    .where(and(eq(deals.workspaceId, ws), eq(deals.primaryContactId, p.mergedId)));
  // A deal on which both were stakeholders keeps the survivor's row (primary if either was).
  await ctx.db.execute(sql`
    update ${dealContacts} s set is_primary = s.is_primary or m.is_primary, role = coalesce(s.role, m.role)
    from ${dealContacts} m
    where s.workspace_id = ${ws} and m.workspace_id = ${ws} and s.contact_id = ${p.survivorId} and m.contact_id = ${p.mergedId} and s.deal_id = m.deal_id`);
  await ctx.db.execute(sql`
    delete from ${dealContacts} m using ${dealContacts} s
    where m.workspace_id = ${ws} and s.workspace_id = ${ws} and m.contact_id = ${p.mergedId} and s.contact_id = ${p.survivorId} and s.deal_id = m.deal_id`);
  await ctx.db.update(dealContacts).set({ contactId: p.survivorId })
    .where(and(eq(dealContacts.workspaceId, ws), eq(dealContacts.contactId, p.mergedId)));
}

export const dealMergeSubscriber: ModuleSubscriber = {
  name: 'sales.deals.merge',
  events: [CUSTOMER_EVENTS.accountMerged, CUSTOMER_EVENTS.contactMerged],
  handle: repointDeals,
};
