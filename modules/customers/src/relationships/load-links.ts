import { and, asc, eq, isNotNull, notExists } from 'drizzle-orm';
import type { TAccountContactLink, TInfluence } from '@voyage/contracts';
import { applyFieldSecurity, scopedWhere, type Context } from '@voyage/kernel';
import { accountContacts, contactReportsTo } from '../db/relationships';
import { accounts, contacts } from '../db/schema';

/** A contact's name and title as the actor may see them. */
export function visibleContactFields(ctx: Pick<Context, 'actor'>, row: { name: string; title: string | null }): { name: string | null; title: string | null } {
  const [out] = applyFieldSecurity(ctx.actor, 'contact', [{ name: row.name, title: row.title } as Record<string, unknown>]);
  return { name: (out.name as string | undefined) ?? null, title: (out.title as string | undefined) ?? null };
}

/**
 * Links of one account or one contact whose both ends are live and in the actor's data
 * scope. A contacts.account_id written before links existed (imports, bulk loads) counts as
 * the primary link until a link write makes it a row.
 */
export async function loadLinks(ctx: Pick<Context, 'db' | 'actor' | 'workspaceId'>, by: { accountId: string } | { contactId: string }): Promise<TAccountContactLink[]> {
  const accountScope = await scopedWhere(ctx, accounts, 'account');
  const contactScope = await scopedWhere(ctx, contacts, 'contact');
  const ws = ctx.workspaceId;
  const joinAccount = (accountId: typeof accounts.id | typeof accountContacts.accountId | typeof contacts.accountId) => and(eq(accounts.workspaceId, ws), eq(accounts.id, accountId), accountScope);

  const stored = await ctx.db
    .select({ link: accountContacts, accountName: accounts.name, contactName: contacts.name, title: contacts.title, reportsToId: contactReportsTo.managerContactId })
    .from(accountContacts)
    .innerJoin(accounts, joinAccount(accountContacts.accountId))
    .innerJoin(contacts, and(eq(contacts.workspaceId, ws), eq(contacts.id, accountContacts.contactId), contactScope))
    .leftJoin(contactReportsTo, and(eq(contactReportsTo.workspaceId, ws), eq(contactReportsTo.accountId, accountContacts.accountId), eq(contactReportsTo.contactId, accountContacts.contactId)))
    .where(and(eq(accountContacts.workspaceId, ws), 'accountId' in by ? eq(accountContacts.accountId, by.accountId) : eq(accountContacts.contactId, by.contactId)))
    .orderBy(asc(accountContacts.createdAt), asc(contacts.name));

  const implicit = await ctx.db
    .select({ accountId: accounts.id, contactId: contacts.id, accountName: accounts.name, contactName: contacts.name, title: contacts.title, version: contacts.version })
    .from(contacts)
    .innerJoin(accounts, joinAccount(contacts.accountId))
    .where(and(contactScope, isNotNull(contacts.accountId), 'accountId' in by ? eq(contacts.accountId, by.accountId) : eq(contacts.id, by.contactId),
      notExists(ctx.db.select({ one: accountContacts.contactId }).from(accountContacts).where(and(eq(accountContacts.workspaceId, ws), eq(accountContacts.contactId, contacts.id), eq(accountContacts.accountId, accounts.id))))));

  const wire = (accountId: string, contactId: string, accountName: string, contact: { name: string; title: string | null }) => ({
    account: { id: accountId, name: accountName },
    contact: { id: contactId, ...visibleContactFields(ctx, contact) },
  });
  return [
    ...implicit.map((r) => ({ accountId: r.accountId, contactId: r.contactId, role: null, influence: null, isPrimary: true, reportsToId: null, version: 0, ...wire(r.accountId, r.contactId, r.accountName, { name: r.contactName, title: r.title }) })),
    ...stored.map((r) => ({
      accountId: r.link.accountId, contactId: r.link.contactId, role: r.link.role, influence: r.link.influence as TInfluence | null, isPrimary: r.link.isPrimary,
      reportsToId: r.reportsToId, version: r.link.version, ...wire(r.link.accountId, r.link.contactId, r.accountName, { name: r.contactName, title: r.title }),
    })),
  ];
}
