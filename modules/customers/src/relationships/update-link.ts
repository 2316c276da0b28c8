import type { TAccountContactLink, TUpdateLinkRequest } from '@voyage/contracts';
import { notFound, type Context } from '@voyage/kernel';
import { runInTransaction } from '@voyage/kernel';
import { applyLinkFields, assertKnownRole } from './apply-link-fields';
import { auditLink } from './audit-link';
import { findLink } from './create-link';
import { loadLinks } from './load-links';
import { guardContactCompany, resolveLinkEnds, type LinkSide } from './resolve-link-ends';
import { materializePrimaryLink } from './sync-primary-account';

/**
 * Changes a link's role, influence, primary flag or reporting line. Unsetting the primary
 * flag hands it to the contact's oldest other link; a contact's only link stays primary.
 */
export async function updateLink(ctx: Context, from: LinkSide, accountId: string, contactId: string, input: TUpdateLinkRequest): Promise<TAccountContactLink> {
  return runInTransaction(ctx, async (tx) => {
    const { account, contact } = await resolveLinkEnds(tx, from, accountId, contactId);
    const checkContactCompany = await guardContactCompany(tx, from, contactId);
    await assertKnownRole(tx, input.role);
    await materializePrimaryLink(tx, contactId);
    const before = await findLink(tx, accountId, contactId);
    if (!before) throw notFound('link');
    await applyLinkFields(tx, accountId, contactId, input);
    await auditLink(tx, contact, { accountId, accountName: account.name, role: before.role, influence: before.influence, isPrimary: before.isPrimary }, { accountId, accountName: account.name, ...input });
    await checkContactCompany();
    const links = await loadLinks(tx, { contactId });
    return links.find((l) => l.accountId === accountId)!;
  });
}
