import { and, eq } from 'drizzle-orm';
import type { TAccountContactLink, TUpdateLinkRequest } from '@voyage/contracts';
import { AppError, type Context } from '@voyage/kernel';
import { accountContacts } from '../db/relationships';
import { runInTransaction } from '@voyage/kernel';
import { applyLinkFields, assertKnownRole } from './apply-link-fields';
import { auditLink } from './audit-link';
import { loadLinks } from './load-links';
import { guardContactCompany, resolveLinkEnds, type LinkSide } from './resolve-link-ends';
import { materializePrimaryLink } from './sync-primary-account';

/** Links a contact to an account. The contact's first link becomes its primary one. */
export async function createLink(ctx: Context, from: LinkSide, accountId: string, contactId: string, input: TUpdateLinkRequest): Promise<TAccountContactLink> {
  return runInTransaction(ctx, async (tx) => {
    const { account, contact } = await resolveLinkEnds(tx, from, accountId, contactId);
    const checkContactCompany = await guardContactCompany(tx, from, contactId);
    await assertKnownRole(tx, input.role);
    await materializePrimaryLink(tx, contactId);
    const inserted = await tx.db.insert(accountContacts).values({ workspaceId: tx.workspaceId, accountId, contactId, createdBy: tx.actor.userId, updatedBy: tx.actor.userId }).onConflictDoNothing().returning();
    if (inserted.length === 0) throw new AppError('duplicate', { details: { fields: [{ field: from === 'account' ? 'contactId' : 'accountId', code: 'duplicate', message: `${contact.name} · ${account.name}` }] } });
    await applyLinkFields(tx, accountId, contactId, input);
    await auditLink(tx, contact, undefined, { accountId, accountName: account.name, ...input });
    await checkContactCompany();
    const links = await loadLinks(tx, { contactId });
    return links.find((l) => l.accountId === accountId)!;
  });
}

/** The stored link row, or undefined. */
export async function findLink(tx: Context, accountId: string, contactId: string) {
  const [row] = await tx.db.select().from(accountContacts).where(and(eq(accountContacts.workspaceId, tx.workspaceId), eq(accountContacts.accountId, accountId), eq(accountContacts.contactId, contactId)));
  return row;
}
