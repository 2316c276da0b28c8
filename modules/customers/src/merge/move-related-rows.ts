import { and, eq, sql } from 'drizzle-orm';
import { schema, type Context } from '@voyage/kernel';
import { duplicatePairs } from '../db/duplicates';
import { lifecycleHistory, ownershipTransfers } from '../db/ownership';
import { accountContacts, contactReportsTo } from '../db/relationships';
import { accounts, contacts } from '../db/schema';
import { segmentMembers } from '../db/segments';
import { followUps, timelineEntries } from '../db/timeline';
import { refreshFollowUpColumns } from '../follow-ups/refresh-follow-up-columns';
import { materializePrimaryLink, syncPrimaryAccount } from '../relationships/sync-primary-account';

export interface MergeIds {
  object: 'contact' | 'account';
  survivorId: string;
  mergedId: string;
}

/** Rows moved, by kind, as the merge response and the audit entry report them. */
export type MovedCounts = Record<string, number>;

/** Rows a statement returned (`returning` on a builder, or `returning 1` in raw SQL): the same on PGlite and PostgreSQL. */
const rowCount = (result: unknown): number => (Array.isArray(result) ? result.length : (result as { rows: unknown[] }).rows.length);
const one = { one: sql<number>`1` };

/**
 * Moves every row of the customers module (and the kernel's record shares) that belongs to
 * the merged record over to the survivor, in the caller's transaction. Other modules move
 * theirs when they receive the merge event.
 */
export async function moveRelatedRows(tx: Context, ids: MergeIds): Promise<MovedCounts> {
  const moved: MovedCounts = {};
  const count = (key: string, n: number) => { if (n > 0) moved[key] = (moved[key] ?? 0) + n; };
  const ws = tx.workspaceId;
  const { object, survivorId: s, mergedId: m } = ids;

  if (object === 'contact') await moveContactLinks(tx, s, m, count);
  else await moveAccountLinks(tx, s, m, count);

  count('followUps', rowCount(await tx.db.update(followUps).set({ subjectId: s })
    .where(and(eq(followUps.workspaceId, ws), eq(followUps.subjectType, object), eq(followUps.subjectId, m))).returning(one)));
  await refreshFollowUpColumns(tx.db, ws, object, s);
  count('timelineEntries', rowCount(await tx.db.update(timelineEntries).set({ subjectId: s })
    .where(and(eq(timelineEntries.workspaceId, ws), eq(timelineEntries.subjectType, object), eq(timelineEntries.subjectId, m))).returning(one)));
  count('lifecycleHistory', rowCount(await tx.db.update(lifecycleHistory).set({ recordId: s })
    .where(and(eq(lifecycleHistory.workspaceId, ws), eq(lifecycleHistory.object, object), eq(lifecycleHistory.recordId, m))).returning(one)));
  count('ownershipTransfers', rowCount(await tx.db.update(ownershipTransfers).set({ recordId: s })
    .where(and(eq(ownershipTransfers.workspaceId, ws), eq(ownershipTransfers.object, object), eq(ownershipTransfers.recordId, m))).returning(one)));
  count('recordShares', rowCount(await tx.db.update(schema.recordShares).set({ recordId: s })
    .where(and(eq(schema.recordShares.workspaceId, ws), eq(schema.recordShares.object, object), eq(schema.recordShares.recordId, m))).returning(one)));

  // Static lists: the survivor joins every list the merged record was on.
  count('segmentMembers', rowCount(await tx.db.execute(sql`
    insert into ${segmentMembers} (workspace_id, segment_id, record_id, added_at, added_by)
    select workspace_id, segment_id, ${s}, added_at, added_by from ${segmentMembers}
    where workspace_id = ${ws} and record_id = ${m}
    on conflict do nothing returning 1`)));
  await tx.db.delete(segmentMembers).where(and(eq(segmentMembers.workspaceId, ws), eq(segmentMembers.recordId, m)));

  count('recordLinks', await repointRecordLinks(tx, ids));

  // The pair just resolved is closed by the caller; any other open pair with the merged
  // record is stale (the next scan proposes the survivor instead).
  await tx.db.delete(duplicatePairs).where(and(eq(duplicatePairs.workspaceId, ws), eq(duplicatePairs.object, object), eq(duplicatePairs.status, 'open'),
    sql`(${duplicatePairs.recordAId} = ${m} or ${duplicatePairs.recordBId} = ${m})`, sql`not (${duplicatePairs.recordAId} in (${s}, ${m}) and ${duplicatePairs.recordBId} in (${s}, ${m}))`));
  return moved;
}

/**
 * A contact's places at accounts move to the survivor. Where both were linked to the same
 * account, the survivor keeps its link (taking the merged one's role when it had none) and
 * inherits the merged one's reporting lines; elsewhere the link itself moves, and the key
 * cascade carries its reporting lines along. Then one primary link and the account_id
 * mirror are restored.
 */
async function moveContactLinks(tx: Context, s: string, m: string, count: (key: string, n: number) => void): Promise<void> {
  const ws = tx.workspaceId;
  await materializePrimaryLink(tx, s);
  await materializePrimaryLink(tx, m);
  const shared = sql`(select account_id from ${accountContacts} where workspace_id = ${ws} and contact_id = ${s})`;
  // Reports of the merged contact now report to the survivor (never to themselves).
  await tx.db.execute(sql`update ${contactReportsTo} set manager_contact_id = ${s}
    where workspace_id = ${ws} and manager_contact_id = ${m} and contact_id <> ${s} and account_id in ${shared}`);
  // The merged contact's own manager, where the survivor has none at that account.
  await tx.db.execute(sql`insert into ${contactReportsTo} (workspace_id, account_id, contact_id, manager_contact_id, created_at, created_by)
    select workspace_id, account_id, ${s}, manager_contact_id, created_at, created_by from ${contactReportsTo}
    where workspace_id = ${ws} and contact_id = ${m} and manager_contact_id <> ${s} and account_id in ${shared}
    on conflict do nothing`);
  await tx.db.execute(sql`update ${accountContacts} sv set role = coalesce(sv.role, mg.role), influence = coalesce(sv.influence, mg.influence)
    from ${accountContacts} mg
    where sv.workspace_id = ${ws} and sv.contact_id = ${s} and mg.workspace_id = ${ws} and mg.contact_id = ${m} and mg.account_id = sv.account_id`);
  const dropped = rowCount(await tx.db.execute(sql`delete from ${accountContacts} where workspace_id = ${ws} and contact_id = ${m} and account_id in ${shared} returning 1`));
  const movedLinks = rowCount(await tx.db.execute(sql`update ${accountContacts} set contact_id = ${s}, is_primary = false, updated_at = now(), updated_by = ${tx.actor.userId}
    where workspace_id = ${ws} and contact_id = ${m} returning 1`));
  count('accountLinks', dropped + movedLinks);
  await syncPrimaryAccount(tx, s);
}

/**
 * An account's contacts, links, subsidiaries move to the survivor. A contact linked to both
 * keeps its link to the survivor (primary if either was).
 */
async function moveAccountLinks(tx: Context, s: string, m: string, count: (key: string, n: number) => void): Promise<void> {
  const ws = tx.workspaceId;
  const both = sql`(select contact_id from ${accountContacts} where workspace_id = ${ws} and account_id = ${s})`;
  const primaries = await tx.db.execute(sql`delete from ${accountContacts} where workspace_id = ${ws} and account_id = ${m} and contact_id in ${both} returning contact_id, is_primary`);
  const wasPrimary = (primaries as unknown as { rows: Array<{ contact_id: string; is_primary: boolean }> }).rows.filter((r) => r.is_primary).map((r) => r.contact_id);
  if (wasPrimary.length) {
    await tx.db.execute(sql`update ${accountContacts} set is_primary = true where workspace_id = ${ws} and account_id = ${s} and contact_id in (${sql.join(wasPrimary.map((id) => sql`${id}`), sql`, `)})`);
  }
  const movedLinks = rowCount(await tx.db.execute(sql`update ${accountContacts} set account_id = ${s}, updated_at = now(), updated_by = ${tx.actor.userId} where workspace_id = ${ws} and account_id = ${m} returning 1`));
  count('accountLinks', (primaries as unknown as { rows: unknown[] }).rows.length + movedLinks);
  count('contacts', rowCount(await tx.db.update(contacts).set({ accountId: s }).where(and(eq(contacts.workspaceId, ws), eq(contacts.accountId, m))).returning(one)));
  // Subsidiaries of the merged account hang under the survivor; if the survivor itself was
  // one of them, it takes the merged account's parent instead (never itself).
  const [merged] = await tx.db.select({ parent: accounts.parentAccountId }).from(accounts).where(and(eq(accounts.workspaceId, ws), eq(accounts.id, m)));
  await tx.db.update(accounts).set({ parentAccountId: merged?.parent && merged.parent !== s ? merged.parent : null })
    .where(and(eq(accounts.workspaceId, ws), eq(accounts.id, s), eq(accounts.parentAccountId, m)));
  count('subsidiaries', rowCount(await tx.db.update(accounts).set({ parentAccountId: s }).where(and(eq(accounts.workspaceId, ws), eq(accounts.parentAccountId, m), sql`${accounts.id} <> ${s}`)).returning(one)));
  await tx.db.update(accounts).set({ parentAccountId: null }).where(and(eq(accounts.workspaceId, ws), eq(accounts.id, m)));
}

/** Custom record_link fields of contacts and accounts that pointed at the merged record. */
async function repointRecordLinks(tx: Context, { object, survivorId, mergedId }: MergeIds): Promise<number> {
  const d = schema.customFieldDefs;
  const defs = await tx.db.select({ object: d.object, key: d.key }).from(d)
    .where(and(eq(d.workspaceId, tx.workspaceId), eq(d.type, 'record_link'), sql`${d.config}->>'linkObject' = ${object}`, sql`${d.deletedAt} is null`));
  let n = 0;
  for (const def of defs) {
    const t = def.object === 'contact' ? contacts : def.object === 'account' ? accounts : null;
    if (!t) continue; // other modules' objects follow the merge event
    n += rowCount(await tx.db.update(t).set({ custom: sql`jsonb_set(${t.custom}, ${`{${def.key}}`}::text[], to_jsonb(${survivorId}::text))` })
      .where(and(eq(t.workspaceId, tx.workspaceId), sql`${t.custom} @> ${JSON.stringify({ [def.key]: mergedId })}::jsonb`)).returning(one));
  }
  return n;
}
