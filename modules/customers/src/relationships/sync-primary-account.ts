import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { CUSTOMER_EVENTS } from '@voyage/contracts';
import { emitEvents, writeAudit, type Context } from '@voyage/kernel';
import { accountContacts } from '../db/relationships';
import { contacts } from '../db/schema';

/**
 * Turns a contacts.account_id that predates links into its primary link row, so link
 * writes always work on rows. Idempotent.
 */
export async function materializePrimaryLink(tx: Context, contactId: string): Promise<void> {
  await tx.db.execute(sql`
    insert into ${accountContacts} (workspace_id, account_id, contact_id, is_primary, created_by, updated_by)
    select c.workspace_id, c.account_id, c.id,
           not exists (select 1 from ${accountContacts} p where p.workspace_id = c.workspace_id and p.contact_id = c.id and p.is_primary),
           ${tx.actor.userId}, ${tx.actor.userId}
    from ${contacts} c where c.workspace_id = ${tx.workspaceId} and c.id = ${contactId} and c.account_id is not null
    on conflict do nothing`);
}

/**
 * Restores the invariants after a link write: exactly one primary link while links exist
 * (the oldest other than `avoidAccountId` takes over), and contacts.account_id naming the primary account.
 */
export async function syncPrimaryAccount(tx: Context, contactId: string, avoidAccountId?: string): Promise<void> {
  const ws = tx.workspaceId;
  const links = await tx.db.select().from(accountContacts)
    .where(and(eq(accountContacts.workspaceId, ws), eq(accountContacts.contactId, contactId)))
    .orderBy(desc(accountContacts.isPrimary), asc(accountContacts.createdAt), asc(accountContacts.accountId));
  let primary = links.find((l) => l.isPrimary);
  if (!primary && links.length > 0) {
    primary = links.find((l) => l.accountId !== avoidAccountId) ?? links[0];
    await tx.db.update(accountContacts).set({ isPrimary: true, version: sql`${accountContacts.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId })
      .where(and(eq(accountContacts.workspaceId, ws), eq(accountContacts.accountId, primary.accountId), eq(accountContacts.contactId, contactId)));
  }
  const want = primary?.accountId ?? null;
  const [contact] = await tx.db.select({ accountId: contacts.accountId, name: contacts.name, ownerId: contacts.ownerId }).from(contacts).where(and(eq(contacts.workspaceId, ws), eq(contacts.id, contactId)));
  if (!contact || contact.accountId === want) return;
  await tx.db.update(contacts).set({ accountId: want, version: sql`${contacts.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId })
    .where(and(eq(contacts.workspaceId, ws), eq(contacts.id, contactId)));
  await writeAudit(tx.db, { workspaceId: ws, action: 'update', object: 'contact', recordId: contactId, summary: contact.name, oldValues: { accountId: contact.accountId }, newValues: { accountId: want }, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, ip: tx.ip, requestId: tx.requestId });
  await emitEvents(tx.db, [{ workspaceId: ws, event: CUSTOMER_EVENTS.contactUpdated, payload: { id: contactId, object: 'contact', ownerId: contact.ownerId ?? null, changes: { accountId: want } }, actorUserId: tx.actor.userId }]);
}

/**
 * Called after contacts are created or changed through the record API: the account picked
 * on the contact's form becomes its primary link. Clearing it drops that link; another
 * link, if any, then becomes primary.
 */
export async function syncContactLinks(tx: Context, rows: Array<Record<string, unknown>>, previous?: Map<string, string | null>): Promise<void> {
  for (const row of rows) {
    const contactId = row.id as string;
    const accountId = (row.accountId as string | null | undefined) ?? null;
    const before = previous?.get(contactId) ?? null;
    if (previous && before === accountId) continue;
    const ws = tx.workspaceId;
    if (accountId) {
      await tx.db.update(accountContacts).set({ isPrimary: false, version: sql`${accountContacts.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId })
        .where(and(eq(accountContacts.workspaceId, ws), eq(accountContacts.contactId, contactId), eq(accountContacts.isPrimary, true), sql`${accountContacts.accountId} <> ${accountId}`));
      await tx.db.insert(accountContacts).values({ workspaceId: ws, accountId, contactId, isPrimary: true, createdBy: tx.actor.userId, updatedBy: tx.actor.userId })
        .onConflictDoUpdate({ target: [accountContacts.workspaceId, accountContacts.accountId, accountContacts.contactId], set: { isPrimary: true, updatedAt: new Date(), updatedBy: tx.actor.userId } });
    } else if (before) {
      await tx.db.delete(accountContacts).where(and(eq(accountContacts.workspaceId, ws), eq(accountContacts.contactId, contactId), eq(accountContacts.accountId, before)));
      await syncPrimaryAccount(tx, contactId);
    }
  }
}
