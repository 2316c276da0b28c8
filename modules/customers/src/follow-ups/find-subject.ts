import { and, eq } from 'drizzle-orm';
import { notFound, scopedWhere, type Context } from '@voyage/kernel';
import { accounts, contacts } from '../db/schema';

export type SubjectType = 'contact' | 'account';

export interface Subject {
  type: SubjectType;
  id: string;
  name: string;
  ownerId: string | null;
  /** The contact's account (its follow-ups show on the account's timeline too). */
  accountId: string | null;
}

/**
 * The live contact or account a follow-up or timeline belongs to, if the actor may see it
 * (`read`) or change it (`update`) under their data scope; otherwise 404 as for any record.
 */
export async function findSubject(ctx: Context, type: SubjectType, id: string, access: 'read' | 'update' = 'read'): Promise<Subject> {
  if (type === 'contact') {
    const scope = await scopedWhere(ctx, contacts, 'contact', { access });
    const [row] = await ctx.db.select({ id: contacts.id, name: contacts.name, ownerId: contacts.ownerId, accountId: contacts.accountId }).from(contacts).where(and(scope, eq(contacts.id, id)));
    if (!row) throw notFound('contact');
    return { type, ...row };
  }
  const scope = await scopedWhere(ctx, accounts, 'account', { access });
  const [row] = await ctx.db.select({ id: accounts.id, name: accounts.name, ownerId: accounts.ownerId }).from(accounts).where(and(scope, eq(accounts.id, id)));
  if (!row) throw notFound('account');
  return { type, ...row, accountId: null };
}
