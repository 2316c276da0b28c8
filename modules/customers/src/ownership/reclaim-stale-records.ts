import { and, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { notify, queueMail, relatedActivity, schema, translate, isLocale, type Database, type Queryable, type Tx } from '@voyage/kernel';
import type { TOwnershipSettings } from '@voyage/contracts';
import { ownershipTransfers } from '../db/ownership';
import type { RecordKind } from '../record-kinds';
import { loadOwnershipSettings } from './load-ownership-settings';
import { OWNED_KINDS, tableOf, type OwnedTable } from './owned-kinds';
import { writeOwnerChanges } from './write-owner-changes';

const DAY_MS = 86_400_000;

/** When the current owner got the record (its last ownership transfer), or -infinity. */
function ownerSince(t: OwnedTable, object: string): SQL<string> {
  const ot = ownershipTransfers;
  return sql<string>`coalesce((select max(${ot.at}) from ${ot} where ${ot.workspaceId} = ${t.workspaceId} and ${ot.object} = ${object} and ${ot.recordId} = ${t.id}), '-infinity'::timestamptz)`;
}

/**
 * When the current owner last worked on the record: the last follow-up (or, without one, the
 * last edit), but never before the owner got it, so a fresh claim is not reclaimed at once.
 */
export function lastActivityAt(t: OwnedTable, object: string): SQL<string> {
  return sql<string>`greatest(coalesce(${t.lastFollowUpAt}, ${t.updatedAt}, ${t.createdAt}), ${ownerSince(t, object)})`;
}

/**
 * One of the two reclaim rules as SQL over the record table: when its idle spell began
 * (`since`), which records it may take (`where`), and the level's days.
 */
export interface ReclaimRule {
  code: 'no_follow_up' | 'no_deal';
  since: SQL<string>;
  where?: SQL;
  daysOf(level: TOwnershipSettings['levels'][number]): number;
}

/** No follow-up for the level's `noFollowUpDays`. */
export function followUpRule(t: OwnedTable, object: string): ReclaimRule {
  return { code: 'no_follow_up', since: lastActivityAt(t, object), daysOf: (level) => level.noFollowUpDays };
}

/**
 * No deal for the level's `noDealDays` (未成交回收): no deal opened, won or lost since then,
 * counted from the latest deal, the owner's getting the record or its creation, whichever is
 * latest; a record with an open deal is never taken. Deals come from the sales module through
 * the kernel's `relatedActivity('deal')`; null while the rule is off or sales is not there.
 */
export async function dealRule(db: Queryable, workspaceId: string, settings: TOwnershipSettings, t: OwnedTable, object: string): Promise<ReclaimRule | null> {
  if (!settings.noDealRuleEnabled) return null;
  const source = relatedActivity('deal');
  if (!source || !(await source.available(db, workspaceId))) return null;
  const lastDeal = source.lastAt(object, t.workspaceId, t.id);
  const open = source.inProgress(object, t.workspaceId, t.id);
  if (!lastDeal || !open) return null;
  return {
    code: 'no_deal',
    since: sql<string>`greatest(coalesce(${lastDeal}, ${t.createdAt}), ${t.createdAt}, ${ownerSince(t, object)})`,
    where: sql`not ${open}`,
    daysOf: (level) => level.noDealDays,
  };
}

/** Whether the sales module can feed the no-deal rule in this workspace. */
export async function dealRuleAvailable(db: Queryable, workspaceId: string): Promise<boolean> {
  const source = relatedActivity('deal');
  return !!source && (await source.available(db, workspaceId));
}

export interface ReclaimResult {
  warned: number;
  reclaimed: number;
}

// The follow-up rule's keys predate the deal rule and keep their form.
const rulePrefix = (rule: ReclaimRule['code']) => (rule === 'no_follow_up' ? '' : `${rule}:`);
const warningKey = (rule: ReclaimRule['code'], object: string, id: string, since: string) => `customers.reclaim_warning:${rulePrefix(rule)}${object}:${id}:${since}`;

/**
 * The reclaim rules of one workspace at `now`: records whose owner has not followed up for
 * the level's number of days, or (when switched on) has had no deal for the level's other
 * number of days, go back to the public pool. Owners are warned (in-app and by email, once
 * per record, rule and idle spell) `warnDaysBefore` days ahead, and a record is only
 * reclaimed once its warning is that old. Exempt levels, tags and flagged records are skipped.
 */
export async function reclaimStaleRecords(database: Database, workspaceId: string, now: Date): Promise<ReclaimResult> {
  const settings = await loadOwnershipSettings(database.db, workspaceId);
  const result: ReclaimResult = { warned: 0, reclaimed: 0 };
  if (!settings.reclaimEnabled) return result;
  await database.db.transaction(async (tx: Tx) => {
    for (const kind of OWNED_KINDS) {
      const t = tableOf(kind);
      const rules = [followUpRule(t, kind.object), await dealRule(tx, workspaceId, settings, t, kind.object)].filter((r): r is ReclaimRule => r !== null);
      for (const rule of rules) {
        for (const level of settings.levels) {
          const days = rule.daysOf(level);
          if (level.exempt || days === 0) continue;
          const r = await reclaimLevel(tx, workspaceId, kind, rule, level.key, level.key === settings.defaultLevel, days, settings.warnDaysBefore, settings.exemptTags, now);
          result.warned += r.warned;
          result.reclaimed += r.reclaimed;
        }
      }
    }
  });
  return result;
}

async function reclaimLevel(tx: Queryable, workspaceId: string, kind: RecordKind, rule: ReclaimRule, level: string, isDefault: boolean, days: number, warnDays: number, exemptTags: string[], now: Date): Promise<ReclaimResult> {
  const t = tableOf(kind);
  const activity = rule.since;
  const warnFrom = new Date(now.getTime() - Math.max(days - warnDays, 0) * DAY_MS);
  const levelMatch = isDefault ? sql`(${t.customerLevel} = ${level} or ${t.customerLevel} is null)` : eq(t.customerLevel, level);
  const candidates = await tx.select({ id: t.id, name: t.name, ownerId: t.ownerId, since: sql<string>`(${activity})::text` }).from(t)
    .where(and(eq(t.workspaceId, workspaceId), isNull(t.deletedAt), isNotNull(t.ownerId), isNull(t.poolStatus), eq(t.reclaimExempt, false), levelMatch,
      exemptTags.length ? sql`not (${t.tags} && array[${sql.join(exemptTags.map((tag) => sql`${tag}`), sql`, `)}]::text[])` : undefined, sql`${activity} <= ${warnFrom.toISOString()}::timestamptz`, rule.where))
    .limit(5000);
  if (candidates.length === 0) return { warned: 0, reclaimed: 0 };
  const n = schema.notifications;
  const keys = candidates.map((c) => warningKey(rule.code, kind.object, c.id, c.since));
  const warnings = await tx.select({ key: n.dedupeKey, createdAt: n.createdAt }).from(n).where(and(eq(n.workspaceId, workspaceId), inArray(n.dedupeKey, keys)));
  const warnedAt = new Map(warnings.map((w) => [w.key, w.createdAt]));
  const dueAt = (since: string) => new Date(Date.parse(since) + days * DAY_MS);
  const reclaim = candidates.filter((c) => {
    if (dueAt(c.since) > now) return false;
    const sent = warnedAt.get(warningKey(rule.code, kind.object, c.id, c.since));
    return warnDays === 0 || (sent !== undefined && sent.getTime() <= now.getTime() - warnDays * DAY_MS + DAY_MS / 24);
  });
  const reclaimIds = new Set(reclaim.map((c) => c.id));
  const warn = candidates.filter((c) => !reclaimIds.has(c.id) && warnDays > 0 && !warnedAt.has(warningKey(rule.code, kind.object, c.id, c.since)));
  await sendWarnings(tx, workspaceId, kind, rule.code, warn, (c) => dueAt(c.since) > now ? dueAt(c.since) : new Date(now.getTime() + warnDays * DAY_MS));
  const done = await writeOwnerChanges({ db: tx, workspaceId, actorUserId: null, at: now }, kind, 'reclaim',
    reclaim.map((c) => ({ id: c.id, name: c.name, fromOwnerId: c.ownerId, toOwnerId: null })), { poolStatus: 'pool', poolEnteredAt: now }, `${rule.code}_${days}d`);
  await tellOwnersOfReclaim(tx, workspaceId, kind, rule.code, reclaim.filter((c) => done.some((d) => d.id === c.id)));
  return { warned: warn.length, reclaimed: reclaim.length };
}

type Candidate = { id: string; name: string; ownerId: string | null; since: string };

async function sendWarnings(tx: Queryable, workspaceId: string, kind: RecordKind, rule: ReclaimRule['code'], records: Candidate[], reclaimOn: (c: Candidate) => Date): Promise<void> {
  if (records.length === 0) return;
  const u = schema.users;
  const owners = await tx.select({ id: u.id, email: u.email, locale: u.locale }).from(u).where(inArray(u.id, [...new Set(records.map((r) => r.ownerId!))]));
  const ownerById = new Map(owners.map((o) => [o.id, o]));
  // Each warning has its own text and recipient, so they are written one by one; the dedupe keys keep them single.
  for (const record of records) {
    const owner = ownerById.get(record.ownerId!);
    if (!owner) continue;
    const locale = isLocale(owner.locale) ? owner.locale : 'zh-CN';
    const params = { name: record.name, date: reclaimOn(record).toISOString().slice(0, 10), since: record.since.slice(0, 10) };
    const title = translate(locale, 'customers.ownership.warning_title', params);
    const body = translate(locale, rule === 'no_deal' ? 'customers.ownership.warning_body_no_deal' : 'customers.ownership.warning_body', params);
    const dedupeKey = warningKey(rule, kind.object, record.id, record.since);
    await notify(tx, { workspaceId, userIds: [owner.id], kind: 'pool_reclaim_warning', title, body, link: `/${kind.plural}/${record.id}`, dedupeKey });
    await queueMail(tx, { workspaceId, to: owner.email, subject: title, text: body, dedupeKey });
  }
}

/** The owner who lost a record learns it in the app, once per record and idle spell. */
async function tellOwnersOfReclaim(tx: Queryable, workspaceId: string, kind: RecordKind, rule: ReclaimRule['code'], records: Candidate[]): Promise<void> {
  if (records.length === 0) return;
  const u = schema.users;
  const owners = await tx.select({ id: u.id, locale: u.locale }).from(u).where(inArray(u.id, [...new Set(records.map((r) => r.ownerId!))]));
  const localeOf = new Map(owners.map((o) => [o.id, isLocale(o.locale) ? o.locale : 'zh-CN' as const]));
  for (const record of records) {
    const locale = localeOf.get(record.ownerId!) ?? 'zh-CN';
    await notify(tx, {
      workspaceId, userIds: [record.ownerId!], kind: 'pool_reclaimed', title: translate(locale, 'customers.ownership.reclaimed_title', { name: record.name }),
      link: `/${kind.plural}/${record.id}`, dedupeKey: `customers.reclaimed:${rulePrefix(rule)}${kind.object}:${record.id}:${record.since}`,
    });
  }
}
