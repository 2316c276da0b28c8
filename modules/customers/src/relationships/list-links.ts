import type { TAccountContactLinkListResponse } from '@voyage/contracts';
import { and, eq } from 'drizzle-orm';
import { notFound, scopedWhere, type Context } from '@voyage/kernel';
import { accounts, contacts } from '../db/schema';
import { loadLinks } from './load-links';

/**
 * The links of one account (its contacts) or one contact (its accounts). Links whose other
 * end is in the trash or outside the actor's data scope are left out.
 */
export async function listLinks(ctx: Context, by: { accountId: string } | { contactId: string }): Promise<TAccountContactLinkListResponse> {
  const [table, object, id] = 'accountId' in by ? [accounts, 'account', by.accountId] as const : [contacts, 'contact', by.contactId] as const;
  const t = table as typeof contacts;
  const [found] = await ctx.db.select({ id: t.id }).from(t).where(and(await scopedWhere(ctx, t, object), eq(t.id, id)));
  if (!found) throw notFound(object);
  return { data: await loadLinks(ctx, by) };
}
