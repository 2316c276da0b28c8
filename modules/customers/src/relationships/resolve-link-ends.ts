import { and, eq } from 'drizzle-orm';
import { notFound, scopedWhere, type Context } from '@voyage/kernel';
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
