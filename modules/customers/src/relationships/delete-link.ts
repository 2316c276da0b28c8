import type { Context } from '@voyage/kernel';
import { notFound } from '@voyage/kernel';
import { and, eq } from 'drizzle-orm';
import { accountContacts } from '../db/relationships';
import { runInTransaction } from '@voyage/kernel';
import { auditLink } from './audit-link';
import { guardContactCompany, resolveLinkEnds, type LinkSide } from './resolve-link-ends';
import { materializePrimaryLink, syncPrimaryAccount } from './sync-primary-account';

/** Removes a link and the reporting lines through it; the next link takes over as primary. */
export async function deleteLink(ctx: Context, from: LinkSide, accountId: string, contactId: string): Promise<void> {
  await runInTransaction(ctx, async (tx) => {
    const { account, contact } = await resolveLinkEnds(tx, from, accountId, contactId);
    const checkContactCompany = await guardContactCompany(tx, from, contactId);
    await materializePrimaryLink(tx, contactId);
    const removed = await tx.db.delete(accountContacts).where(and(eq(accountContacts.workspaceId, tx.workspaceId), eq(accountContacts.accountId, accountId), eq(accountContacts.contactId, contactId))).returning();
    if (removed.length === 0) throw notFound('link');
    await syncPrimaryAccount(tx, contactId);
    await checkContactCompany();
    await auditLink(tx, contact, { accountId, accountName: account.name, role: removed[0].role, isPrimary: removed[0].isPrimary }, undefined);
  });
}
