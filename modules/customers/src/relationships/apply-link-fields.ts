import { and, eq, sql } from 'drizzle-orm';
import type { TUpdateLinkRequest } from '@voyage/contracts';
import { AppError, notFound, scopedWhere, translate, validationError, type Context } from '@voyage/kernel';
import { accountContacts, contactReportsTo } from '../db/relationships';
import { contacts } from '../db/schema';
import { HIERARCHY_DEPTH_CAP } from './assert-no-parent-cycle';
import { loadContactRoles } from './contact-role-catalog';
import { materializePrimaryLink, syncPrimaryAccount } from './sync-primary-account';

/** Checks a role key against the workspace catalogue (built-in and custom). */
export async function assertKnownRole(tx: Context, role: string | null | undefined): Promise<void> {
  if (!role) return;
  const roles = await loadContactRoles(tx);
  if (!roles.some((r) => r.key === role)) throw validationError([{ field: 'role', code: 'unknown_role', message: translate(tx.locale, 'customers.relationships.unknown_role', { role }) }]);
}

/**
 * Writes role, influence, primary flag and reporting line of an existing link row, then
 * restores the primary invariants. A manager must be a visible contact linked to the same
 * account, and the line must not loop back to the contact.
 */
export async function applyLinkFields(tx: Context, accountId: string, contactId: string, input: TUpdateLinkRequest): Promise<void> {
  const ws = tx.workspaceId;
  const key = and(eq(accountContacts.workspaceId, ws), eq(accountContacts.accountId, accountId), eq(accountContacts.contactId, contactId));
  if (input.isPrimary === true) {
    // The partial unique index allows one primary at a time, so the old one goes first.
    await tx.db.update(accountContacts).set({ isPrimary: false, version: sql`${accountContacts.version} + 1` })
      .where(and(eq(accountContacts.workspaceId, ws), eq(accountContacts.contactId, contactId), eq(accountContacts.isPrimary, true), sql`${accountContacts.accountId} <> ${accountId}`));
  }
  const set: Record<string, unknown> = {};
  if (input.role !== undefined) set.role = input.role;
  if (input.influence !== undefined) set.influence = input.influence;
  if (input.isPrimary !== undefined) set.isPrimary = input.isPrimary;
  await tx.db.update(accountContacts).set({ ...set, version: sql`${accountContacts.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId }).where(key);

  if (input.reportsToId !== undefined) {
    await tx.db.delete(contactReportsTo).where(and(eq(contactReportsTo.workspaceId, ws), eq(contactReportsTo.accountId, accountId), eq(contactReportsTo.contactId, contactId)));
    if (input.reportsToId !== null) await setReportsTo(tx, accountId, contactId, input.reportsToId);
  }
  await syncPrimaryAccount(tx, contactId, input.isPrimary === false ? accountId : undefined);
}

async function setReportsTo(tx: Context, accountId: string, contactId: string, managerId: string): Promise<void> {
  const ws = tx.workspaceId;
  const cycle = () => new AppError('customers.reporting_cycle', { details: { fields: [{ field: 'reportsToId', code: 'cycle', message: translate(tx.locale, 'errors.customers.reporting_cycle') }] } });
  if (managerId === contactId) throw cycle();
  const [manager] = await tx.db.select({ id: contacts.id }).from(contacts).where(and(await scopedWhere(tx, contacts, 'contact'), eq(contacts.id, managerId)));
  if (!manager) throw notFound('contact');
  await materializePrimaryLink(tx, managerId);
  const [linked] = await tx.db.select({ id: accountContacts.contactId }).from(accountContacts).where(and(eq(accountContacts.workspaceId, ws), eq(accountContacts.accountId, accountId), eq(accountContacts.contactId, managerId)));
  if (!linked) throw new AppError('customers.reports_to_unlinked', { details: { fields: [{ field: 'reportsToId', code: 'not_linked', message: translate(tx.locale, 'errors.customers.reports_to_unlinked') }] } });
  const result = (await tx.db.execute(sql`
    with recursive up(id, depth) as (
      select manager_contact_id, 1 from contact_reports_to where workspace_id = ${ws} and account_id = ${accountId} and contact_id = ${managerId}
      union all
      select r.manager_contact_id, up.depth + 1 from up join contact_reports_to r on r.workspace_id = ${ws} and r.account_id = ${accountId} and r.contact_id = up.id
      where up.id <> ${contactId} and up.depth < ${HIERARCHY_DEPTH_CAP * 5}
    )
    select exists (select 1 from up where id = ${contactId}) as looped`)) as unknown as { rows: Array<{ looped: boolean }> };
  if (result.rows[0].looped) throw cycle();
  await tx.db.insert(contactReportsTo).values({ workspaceId: ws, accountId, contactId, managerContactId: managerId, createdBy: tx.actor.userId });
}
