import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { isLocale, notify, queueMail, schema, translate, type Database, type Locale, type Queryable } from '@voyage/kernel';
import { DEFAULT_STALL_SETTINGS } from '@voyage/contracts';
import { dealStallSettings } from '../../db/deal-extras';
import { deals } from '../../db/pipelines';

const DAY_MS = 86_400_000;

export interface StallSweepResult {
  notified: number;
  escalated: number;
}

interface Person { userId: string; name: string; email: string; locale: Locale; timezone: string }

/**
 * The stalled-deal rule of one workspace at `now`. An open deal whose last activity is at least
 * its pipeline's stall days old alerts its owner (in-app and by email), once per idle spell;
 * when it stays idle `escalateAfterDays` more, the owner's supervisor is told, once. Activity
 * clears both marks (see `dealActivity`), so the next idle spell alerts again.
 */
export async function sweepStalledDeals(database: Database, workspaceId: string, now: Date): Promise<StallSweepResult> {
  const s = dealStallSettings;
  const since = sql<Date>`coalesce(${deals.lastActivityAt}, ${deals.stageEnteredAt})`;
  const stallDays = sql`coalesce(${s.stallDays}, ${DEFAULT_STALL_SETTINGS.stallDays})`;
  const escalateDays = sql`coalesce(${s.escalateAfterDays}, ${DEFAULT_STALL_SETTINGS.escalateAfterDays})`;
  const base = and(eq(deals.workspaceId, workspaceId), isNull(deals.deletedAt), eq(deals.status, 'open'), isNotNull(deals.ownerId), sql`coalesce(${s.enabled}, true)`);
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  return database.db.transaction(async (tx) => {
    const pick = { id: deals.id, name: deals.name, ownerId: deals.ownerId, since: sql<string>`to_char((${since}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`, notifiedAt: deals.stalledNotifiedAt };
    const join = and(eq(s.workspaceId, deals.workspaceId), eq(s.pipelineId, deals.pipelineId));
    const toNotify = await tx.select(pick).from(deals).leftJoin(s, join)
      .where(and(base, isNull(deals.stalledNotifiedAt), sql`${since} <= ${nowSql} - make_interval(days => ${stallDays})`)).limit(5000);
    const toEscalate = await tx.select(pick).from(deals).leftJoin(s, join)
      .where(and(base, isNotNull(deals.stalledNotifiedAt), isNull(deals.stalledEscalatedAt), sql`${since} <= ${nowSql} - make_interval(days => ${stallDays} + ${escalateDays})`)).limit(5000);
    if (toNotify.length === 0 && toEscalate.length === 0) return { notified: 0, escalated: 0 };

    const owners = await people(tx, workspaceId, [...toNotify, ...toEscalate].map((d) => d.ownerId!));
    const supervisorOf = new Map((await tx.select({ userId: schema.memberships.userId, supervisorId: schema.memberships.supervisorId }).from(schema.memberships)
      .where(and(eq(schema.memberships.workspaceId, workspaceId), inArray(schema.memberships.userId, [...new Set(toEscalate.map((d) => d.ownerId!))])))).map((m) => [m.userId, m.supervisorId]));
    const supervisors = await people(tx, workspaceId, [...supervisorOf.values()].filter((id): id is string => Boolean(id)));

    for (const deal of toNotify) {
      const owner = owners.get(deal.ownerId!);
      if (!owner) continue;
      const params = { name: deal.name, days: daysBetween(deal.since, now), since: formatDay(deal.since, owner) };
      await alert(tx, workspaceId, owner, `deal_stalled:${deal.id}:${deal.since}`, deal.id, translate(owner.locale, 'sales.stalled.title', params), translate(owner.locale, 'sales.stalled.body', params));
    }
    for (const deal of toEscalate) {
      const owner = owners.get(deal.ownerId!);
      const supervisor = supervisors.get(supervisorOf.get(deal.ownerId!) ?? '');
      if (!owner || !supervisor) continue;
      const params = { name: deal.name, owner: owner.name, days: daysBetween(deal.since, now), notifiedDays: daysBetween(deal.notifiedAt!.toISOString(), now), since: formatDay(deal.since, supervisor) };
      await alert(tx, workspaceId, supervisor, `deal_stalled_escalated:${deal.id}:${deal.since}`, deal.id, translate(supervisor.locale, 'sales.stalled.escalated_title', params), translate(supervisor.locale, 'sales.stalled.escalated_body', params));
    }
    // Marked even when nobody could be told (no owner account, no supervisor), so the sweep does not retry every hour.
    if (toNotify.length) await tx.update(deals).set({ stalledNotifiedAt: now }).where(and(eq(deals.workspaceId, workspaceId), inArray(deals.id, toNotify.map((d) => d.id))));
    if (toEscalate.length) await tx.update(deals).set({ stalledEscalatedAt: now }).where(and(eq(deals.workspaceId, workspaceId), inArray(deals.id, toEscalate.map((d) => d.id))));
    return { notified: toNotify.length, escalated: toEscalate.filter((d) => supervisors.has(supervisorOf.get(d.ownerId!) ?? '')).length };
  });
}

async function alert(tx: Queryable, workspaceId: string, to: Person, dedupeKey: string, dealId: string, title: string, body: string): Promise<void> {
  const link = `/deals/${dealId}`;
  await notify(tx, { workspaceId, userIds: [to.userId], kind: 'deal_stalled', title, body, link, dedupeKey });
  await queueMail(tx, { workspaceId, to: to.email, subject: title, text: `${body}\n\n${link}`, dedupeKey });
}

async function people(tx: Queryable, workspaceId: string, userIds: string[]): Promise<Map<string, Person>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx.select({ userId: schema.users.id, name: schema.users.name, email: schema.users.email, locale: schema.users.locale, defaultLocale: schema.workspaces.defaultLocale, timezone: schema.workspaces.timezone })
    .from(schema.users).innerJoin(schema.workspaces, eq(schema.workspaces.id, workspaceId)).where(inArray(schema.users.id, [...new Set(userIds)]));
  return new Map(rows.map((r) => [r.userId, {
    userId: r.userId, name: r.name, email: r.email, timezone: r.timezone,
    locale: r.locale && isLocale(r.locale) ? r.locale : isLocale(r.defaultLocale) ? r.defaultLocale : 'zh-CN',
  }]));
}

const daysBetween = (since: string, now: Date) => Math.floor((now.getTime() - new Date(since).getTime()) / DAY_MS);
const formatDay = (since: string, reader: Person) => new Intl.DateTimeFormat(reader.locale, { dateStyle: 'medium', timeZone: reader.timezone }).format(new Date(since));
