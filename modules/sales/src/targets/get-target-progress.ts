import type { TTargetProgressPeriod, TTargetProgressQuery, TTargetProgressResponse } from '@voyage/contracts';
import { AppError, assertCan, fieldRule, translate, type Context } from '@voyage/kernel';
import { loadTargetsOfYear, storedScopeId, workspaceSettings } from './load-targets';
import { daysBetween, periodStartingOn, periodsOfYear, todayIn, type Period } from './target-periods';
import { loadTargetReach } from './target-reach';
import { wonAmountsByMonth } from './won-amounts-by-month';

function progressOf(period: Period, target: number | null, actual: number | null, today: string): TTargetProgressPeriod {
  const total = daysBetween(period.start, period.end) + 1;
  const elapsed = Math.min(total, Math.max(0, daysBetween(period.start, today) + 1));
  const expected = target === null ? null : Math.round((target * elapsed) / total);
  const percent = target === null || actual === null || target === 0 ? null : Math.round((actual / target) * 1000) / 10;
  const pace = target === null || actual === null ? 'none' : elapsed === 0 ? 'not_started' : actual >= expected! ? 'ahead' : 'behind';
  return { period: period.key, periodStart: period.start, periodEnd: period.end, targetMinor: target, actualMinor: actual, percent, expectedMinor: expected, pace };
}

/**
 * Targets against actual figures for each period of a year, per visible row (company,
 * departments, reps). New sales: won deals in the period by owners in the row (a
 * department counts its whole subtree). Collected amounts wait for payment collection:
 * the actual is null with a translated reason. Pace is the target spread evenly over the
 * period's days up to today (workspace time zone).
 */
export async function getTargetProgress(ctx: Context, query: TTargetProgressQuery): Promise<TTargetProgressResponse> {
  assertCan(ctx.actor, 'target', 'read');
  const settings = await workspaceSettings(ctx);
  const currency = query.currency ?? settings.currency;
  const reach = await loadTargetReach(ctx);
  const rows = query.scope ? reach.rows.filter((r) => r.scope === query.scope && (query.scope === 'company' || r.scopeId === query.scopeId)) : reach.rows;
  if (query.scope && rows.length === 0) throw new AppError('not_found', { params: { what: 'target' } });
  const amountRule = fieldRule(ctx.actor, 'deal', 'amountMinor');
  const unavailableReason = query.metric === 'collected' ? translate(ctx.locale, 'sales.targets.collected_unavailable')
    : amountRule === 'hidden' || amountRule === 'masked' ? translate(ctx.locale, 'sales.targets.amount_hidden') : null;
  const [stored, won] = await Promise.all([
    loadTargetsOfYear(ctx, { year: query.year, metric: query.metric, currency, kinds: [query.periodKind] }),
    unavailableReason ? Promise.resolve([]) : wonAmountsByMonth(ctx, { year: query.year, currency, timezone: settings.timezone }),
  ]);
  const targets = new Map(stored.map((t) => [`${t.scope}:${t.scopeId}:${periodStartingOn(t.periodKind, t.periodStart)!.key}`, Number(t.amountMinor)]));
  const periods = periodsOfYear(query.year, query.periodKind);
  const today = todayIn(settings.timezone);
  return {
    year: query.year, periodKind: query.periodKind, metric: query.metric, currency, today, unavailableReason,
    rows: rows.map((row) => {
      const owners = row.owners === 'all' ? null : new Set(row.owners);
      const monthly = new Array<number>(13).fill(0);
      for (const w of won) if (!owners || (w.ownerId && owners.has(w.ownerId))) monthly[w.month] += w.amountMinor;
      const stored = storedScopeId(ctx.workspaceId, row.scope, row.scopeId);
      return {
        scope: row.scope, scopeId: row.scopeId, name: row.name, parentId: row.parentId, depth: row.depth,
        periods: periods.map((p) => progressOf(p, targets.get(`${row.scope}:${stored}:${p.key}`) ?? null, unavailableReason ? null : p.months.reduce((s, m) => s + monthly[m], 0), today)),
      };
    }),
  };
}
