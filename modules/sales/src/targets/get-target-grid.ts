import type { TTargetCell, TTargetGridQuery, TTargetGridResponse, TTargetWarning } from '@voyage/contracts';
import { assertCan, type Context } from '@voyage/kernel';
import type { SalesTargetRow } from '../db/targets';
import { loadTargetsOfYear, storedScopeId, workspaceSettings } from './load-targets';
import { periodStartingOn, periodsOfYear } from './target-periods';
import { loadTargetReach } from './target-reach';

/**
 * The targets grid of one year and metric: a row per company, department (tree) and rep the
 * reader may see, with the stored month, quarter and year cells. Explicit quarter and year
 * targets are kept as set; where the months (or quarters) below them add up to something else,
 * the row carries a warning instead of forcing one to follow the other.
 */
export async function getTargetGrid(ctx: Context, query: TTargetGridQuery): Promise<TTargetGridResponse> {
  assertCan(ctx.actor, 'target', 'read');
  const currency = query.currency ?? (await workspaceSettings(ctx)).currency;
  const [reach, stored] = await Promise.all([loadTargetReach(ctx), loadTargetsOfYear(ctx, { year: query.year, metric: query.metric, currency })]);
  const byScope = new Map<string, SalesTargetRow[]>();
  for (const t of stored) {
    const key = `${t.scope}:${t.scopeId}`;
    byScope.set(key, [...(byScope.get(key) ?? []), t]);
  }
  const months = periodsOfYear(query.year, 'month');
  const quarters = periodsOfYear(query.year, 'quarter');
  const [year] = periodsOfYear(query.year, 'year');
  const rows = reach.rows.map((row) => {
    const cells: TTargetCell[] = (byScope.get(`${row.scope}:${storedScopeId(ctx.workspaceId, row.scope, row.scopeId)}`) ?? []).map((t) => ({
      id: t.id, period: periodStartingOn(t.periodKind, t.periodStart)!.key, periodKind: t.periodKind, periodStart: t.periodStart, amountMinor: Number(t.amountMinor), version: t.version,
    }));
    const value = (key: string) => cells.find((c) => c.period === key)?.amountMinor;
    const monthSums: Record<string, number> = {};
    const warnings: TTargetWarning[] = [];
    const monthSum = (ms: number[]) => ms.reduce((sum, m) => sum + (value(months[m - 1].key) ?? 0), 0);
    const hasMonths = (ms: number[]) => ms.some((m) => value(months[m - 1].key) !== undefined);
    for (const q of [...quarters, year]) {
      monthSums[q.key] = monthSum(q.months);
      const target = value(q.key);
      if (target !== undefined && hasMonths(q.months) && monthSums[q.key] !== target) warnings.push({ period: q.key, parts: 'months', partsSumMinor: monthSums[q.key], targetMinor: target });
    }
    const yearTarget = value(year.key);
    const quarterValues = quarters.map((q) => value(q.key));
    if (yearTarget !== undefined && quarterValues.some((v) => v !== undefined)) {
      const sum = quarterValues.reduce<number>((s, v) => s + (v ?? 0), 0);
      if (sum !== yearTarget) warnings.push({ period: year.key, parts: 'quarters', partsSumMinor: sum, targetMinor: yearTarget });
    }
    return { scope: row.scope, scopeId: row.scopeId, name: row.name, parentId: row.parentId, depth: row.depth, editable: row.editable, cells, monthSums, warnings };
  });
  return { year: query.year, metric: query.metric, currency, canEdit: reach.canEdit, rows };
}
