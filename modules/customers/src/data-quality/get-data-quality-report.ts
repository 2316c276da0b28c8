import { and, inArray, sql, type SQL } from 'drizzle-orm';
import { loadCustomFieldDefs, schema, scopedWhere, type Context } from '@voyage/kernel';
import type { TDataQualityQuery, TDataQualityResponse, TDataQualityRow } from '@voyage/contracts';
import { kindOf, tableOf } from '../ownership/owned-kinds';
import { qualityChecks, type QualityCheck } from './quality-checks';
import { scopeCandidates } from './scope-candidates';

type Counts = Record<string, { missing: number; invalid: number }>;

/**
 * Missing and invalid values per owner (and for records without one, in the public pool),
 * over the records the actor may see, deleted ones excluded. One pass over the table: every
 * check is a `count(*) filter (…)` of a single GROUP BY owner, so the cost is one scan of the
 * workspace's rows however many checks there are.
 */
export async function getDataQualityReport(ctx: Context, query: TDataQualityQuery): Promise<TDataQualityResponse> {
  const object = query.object ?? 'contact';
  const t = tableOf(kindOf(object));
  // Also the permission check: the object's read right is the report's right.
  const scope = and(await scopedWhere(ctx, t, object), await scopeCandidates(ctx, t, object));
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, object);
  const checks = qualityChecks(object, defs, ctx.actor, ctx.locale);

  const columns: Record<string, SQL<number>> = { records: sql<number>`count(*)::int` };
  checks.forEach((check, i) => {
    columns[`m${i}`] = sql<number>`(count(*) filter (where ${check.missing}))::int`;
    if (check.invalid) columns[`i${i}`] = sql<number>`(count(*) filter (where ${check.invalid}))::int`;
  });
  const rows = await ctx.db.select({ ownerId: t.ownerId, ...columns }).from(t).where(scope).groupBy(t.ownerId) as Array<Record<string, number> & { ownerId: string | null }>;

  const ownerIds = rows.map((r) => r.ownerId).filter((id): id is string => id !== null);
  const users = ownerIds.length ? await ctx.db.select({ id: schema.users.id, name: schema.users.name }).from(schema.users).where(inArray(schema.users.id, ownerIds)) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));

  const owners = rows.map((r) => {
    const counts: Counts = {};
    checks.forEach((check, i) => { counts[check.key] = { missing: Number(r[`m${i}`]), invalid: check.invalid ? Number(r[`i${i}`]) : 0 }; });
    return row(r.ownerId, r.ownerId ? names.get(r.ownerId) ?? null : null, Number(r.records), counts, checks);
  });
  // Most records first; records without an owner last.
  owners.sort((a, b) => Number(a.ownerId === null) - Number(b.ownerId === null) || b.records - a.records || (a.ownerName ?? '').localeCompare(b.ownerName ?? ''));

  const totalCounts: Counts = Object.fromEntries(checks.map((c) => [c.key, {
    missing: owners.reduce((sum, o) => sum + o.counts[c.key].missing, 0),
    invalid: owners.reduce((sum, o) => sum + o.counts[c.key].invalid, 0),
  }]));
  const total = row(null, null, owners.reduce((sum, o) => sum + o.records, 0), totalCounts, checks);

  return {
    object,
    checks: checks.map((c) => ({ key: c.key, label: c.label, validates: c.invalid !== undefined, informational: c.informational, missingFilter: c.missingFilter })),
    owners,
    total,
  };
}

function row(ownerId: string | null, ownerName: string | null, records: number, counts: Counts, checks: QualityCheck[]): TDataQualityRow {
  return { ownerId, ownerName, records, completeness: completeness(records, counts, checks), counts };
}

/**
 * The share of (record, check) pairs holding a present, valid value, in percent with one
 * decimal. Informational checks do not count. Missing and invalid never overlap for a check.
 */
export function completeness(records: number, counts: Counts, checks: QualityCheck[]): number | null {
  if (records === 0) return null;
  const scored = checks.filter((c) => !c.informational);
  if (scored.length === 0) return 100;
  const failures = scored.reduce((sum, c) => sum + counts[c.key].missing + counts[c.key].invalid, 0);
  return Math.round(1000 * (1 - failures / (records * scored.length))) / 10;
}
