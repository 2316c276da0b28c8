import { and, eq } from 'drizzle-orm';
import { AppError, notFound, scopedWhere, translate, type Context } from '@voyage/kernel';
import { accounts, contacts } from '../db/schema';

export type LinkSide = 'account' | 'contact';

/**
 * Both ends of a link as the actor may touch them: the record in the path needs update
 * access, the other end only needs to be visible. Anything else is not found, so ids of
 * records outside the scope (or workspace) give nothing away.
 */
export async function resolveLinkEnds(tx: Context, from: LinkSide, accountId: string, contactId: string): Promise<{ account: { id: string; name: string }; contact: { id: string; name: string } }> {
  const accountScope = await scopedWhere(tx, accounts, 'account', { access: from === 'account' ? 'update' : 'read' });
  const contactScope = await scopedWhere(tx, contacts, 'contact', { access: from === 'contact' ? 'update' : 'read' });
  const [account] = await tx.db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(and(accountScope, eq(accounts.id, accountId)));
  if (!account && from === 'account') throw notFound('account');
  const [contact] = await tx.db.select({ id: contacts.id, name: contacts.name }).from(contacts).where(and(contactScope, eq(contacts.id, contactId)));
  if (!contact) throw notFound('contact');
  if (!account) throw notFound('account');
  return { account, contact };
}

/**
 * A link written from the account side may make it the contact's primary company, which
 * changes the contact itself (contacts.account_id). Returns a check to run after the write:
 * if the contact's company changed, the actor must be allowed to edit the contact, else the
 * whole write is refused (403) and rolled back.
 */
export async function guardContactCompany(tx: Context, from: LinkSide, contactId: string): Promise<() => Promise<void>> {
  if (from === 'contact') return async () => undefined;
  const companyOf = async () => (await tx.db.select({ accountId: contacts.accountId }).from(contacts).where(and(eq(contacts.workspaceId, tx.workspaceId), eq(contacts.id, contactId))))[0]?.accountId ?? null;
  const before = await companyOf();
  return async () => {
    if ((await companyOf()) === before) return;
    const refuse = () => new AppError('forbidden', { params: { action: 'update' }, details: { fields: [{ field: 'isPrimary', code: 'forbidden', message: translate(tx.locale, 'customers.relationships.primary_needs_contact_edit') }] } });
    let editable: Array<{ id: string }>;
    try {
      editable = await tx.db.select({ id: contacts.id }).from(contacts).where(and(await scopedWhere(tx, contacts, 'contact', { access: 'update' }), eq(contacts.id, contactId)));
    } catch {
      throw refuse();
    }
    if (!editable.length) throw refuse();
  };
}
