import { and, eq, gte, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { TForecastCategory, TForecastPipelineQuery, TForecastPipelineResponse } from '@voyage/contracts';
import { AppError, schema, scopedWhere, translate, type Context } from '@voyage/kernel';
import { deals, pipelineStages, pipelines } from '../db/pipelines';
import { dealLines, products } from '../db/products';
import { assertAmountsVisible, effectiveCategory, splitByShares, workspaceBasics } from './forecast-access';
import { FORECAST_ERRORS } from './forecast-messages';
import { addMonths, monthsBetween, periodEnd, periodKey, periodStart, periodsBetween, todayIn } from './periods';

type Row = TForecastPipelineResponse['rows'][number];
type CategoryTotal = TForecastPipelineResponse['categories'][number];
interface Piece { key: string | null; label: string | null; amount: number; weighted: number }

/**
 * The weighted pipeline: open deals in the reader's scope × their probability (the deal's,
 * else its stage's), by expected close month or quarter and by owner, team (the owner's
 * department), pipeline or product line (a deal's amounts split by its lines' share).
 * Amounts stay in each deal's currency: there is no exchange-rate table to convert with.
 */
export async function weightedPipeline(ctx: Context, query: TForecastPipelineQuery): Promise<TForecastPipelineResponse> {
  assertAmountsVisible(ctx);
  const { currency: baseCurrency, timezone } = await workspaceBasics(ctx);
  const today = todayIn(timezone);
  const from = periodStart(query.from ?? today, query.period);
  const to = query.to ? periodEnd(query.to, query.period) : periodEnd(addMonths(periodStart(today, 'month'), 11), query.period);
  if (to < from || monthsBetween(from, periodStart(to, 'month')) >= 36) {
    throw new AppError(FORECAST_ERRORS.badRange, { params: { field: 'to' }, details: { fields: [{ field: 'to', code: 'range', message: translate(ctx.locale, FORECAST_ERRORS.badRange, { field: 'to' }) }] } });
  }
  const scope = await scopedWhere(ctx, deals, 'deal', { access: 'read' });
  const open = and(scope, eq(deals.status, 'open'), query.pipelineId ? eq(deals.pipelineId, query.pipelineId) : undefined);
  const inRange = and(open, isNotNull(deals.closeDate), gte(deals.closeDate, from), lte(deals.closeDate, to));
  const rows = await ctx.db.select({
    id: deals.id, amount: deals.amountMinor, currency: deals.currency, closeDate: deals.closeDate, category: deals.forecastCategory,
    probability: sql<number>`coalesce(${deals.probability}, ${pipelineStages.probability})`.mapWith(Number),
    ownerId: deals.ownerId, ownerName: schema.users.name, teamId: schema.departments.id, teamName: schema.departments.name,
    pipelineId: deals.pipelineId, pipelineName: pipelines.name, pipelineLabels: pipelines.labels,
  }).from(deals)
    .innerJoin(pipelineStages, and(eq(pipelineStages.workspaceId, deals.workspaceId), eq(pipelineStages.id, deals.stageId)))
    .innerJoin(pipelines, and(eq(pipelines.workspaceId, deals.workspaceId), eq(pipelines.id, deals.pipelineId)))
    .leftJoin(schema.users, eq(schema.users.id, deals.ownerId))
    .leftJoin(schema.memberships, and(eq(schema.memberships.workspaceId, deals.workspaceId), eq(schema.memberships.userId, deals.ownerId)))
    .leftJoin(schema.departments, and(eq(schema.departments.workspaceId, deals.workspaceId), eq(schema.departments.id, schema.memberships.departmentId), isNull(schema.departments.deletedAt)))
    .where(inRange);
  const [{ count: withoutCloseDate }] = await ctx.db.select({ count: sql<number>`count(*)`.mapWith(Number) }).from(deals).where(and(open, isNull(deals.closeDate)));

  const linesByDeal = new Map<string, Array<{ key: string | null; label: string | null; total: number }>>();
  if (query.groupBy === 'product' && rows.length) {
    const lines = await ctx.db.select({ dealId: dealLines.dealId, total: dealLines.totalMinor, productLine: products.productLine })
      .from(dealLines)
      .leftJoin(products, and(eq(products.workspaceId, dealLines.workspaceId), eq(products.id, dealLines.productId)))
      .where(and(eq(dealLines.workspaceId, ctx.workspaceId), isNull(dealLines.deletedAt), inArray(dealLines.dealId, ctx.db.select({ id: deals.id }).from(deals).where(inRange))))
      .orderBy(dealLines.dealId, dealLines.position);
    for (const line of lines) {
      const list = linesByDeal.get(line.dealId) ?? [];
      list.push({ key: line.productLine, label: line.productLine ?? translate(ctx.locale, 'sales.forecast.no_product_line'), total: line.total });
      linesByDeal.set(line.dealId, list);
    }
  }

  const cells = new Map<string, Row>();
  const categories = new Map<string, CategoryTotal>();
  for (const deal of rows) {
    const closeDate = String(deal.closeDate);
    const category = effectiveCategory(deal.category as TForecastCategory | null, deal.probability);
    const weighted = Math.round((deal.amount * deal.probability) / 100);
    const catKey = `${category}|${deal.currency}`;
    const total = categories.get(catKey) ?? { category, currency: deal.currency, count: 0, amountMinor: 0, weightedMinor: 0 };
    total.count++; total.amountMinor += deal.amount; total.weightedMinor += weighted;
    categories.set(catKey, total);
    // Omitted deals are the rep's "leave this out of my forecast".
    if (category === 'omitted') continue;
    for (const piece of groupPieces(ctx, query.groupBy, deal, weighted, linesByDeal.get(deal.id))) {
      const period = periodKey(closeDate, query.period);
      const key = `${period}|${piece.key ?? ''}|${deal.currency}`;
      const cell = cells.get(key) ?? { period, groupKey: piece.key, groupLabel: piece.label, currency: deal.currency, count: 0, amountMinor: 0, weightedMinor: 0, commitMinor: 0, bestCaseMinor: 0, pipelineMinor: 0 };
      cell.count++; cell.amountMinor += piece.amount; cell.weightedMinor += piece.weighted;
      if (category === 'commit') cell.commitMinor += piece.weighted;
      else if (category === 'best_case') cell.bestCaseMinor += piece.weighted;
      else cell.pipelineMinor += piece.weighted;
      cells.set(key, cell);
    }
  }
  const categoryOrder: TForecastCategory[] = ['commit', 'best_case', 'pipeline', 'omitted'];
  return {
    period: query.period, groupBy: query.groupBy, from, to, baseCurrency,
    periods: periodsBetween(from, to, query.period),
    rows: [...cells.values()].sort((a, b) => a.period.localeCompare(b.period) || (a.groupLabel ?? '').localeCompare(b.groupLabel ?? '') || a.currency.localeCompare(b.currency)),
    categories: [...categories.values()].sort((a, b) => categoryOrder.indexOf(a.category) - categoryOrder.indexOf(b.category) || a.currency.localeCompare(b.currency)),
    withoutCloseDate: { count: withoutCloseDate },
  };
}

interface DealForGroup { amount: number; ownerId: string | null; ownerName: string | null; teamId: string | null; teamName: string | null; pipelineId: string; pipelineName: string; pipelineLabels: Record<string, string> }

function groupPieces(ctx: Context, groupBy: TForecastPipelineQuery['groupBy'], deal: DealForGroup, weighted: number, lines: Array<{ key: string | null; label: string | null; total: number }> | undefined): Piece[] {
  const whole = (key: string | null, label: string | null): Piece[] => [{ key, label, amount: deal.amount, weighted }];
  if (groupBy === 'owner') return whole(deal.ownerId, deal.ownerId ? deal.ownerName : translate(ctx.locale, 'sales.forecast.no_owner'));
  if (groupBy === 'team') return whole(deal.teamId, deal.teamName ?? translate(ctx.locale, 'sales.forecast.no_team'));
  if (groupBy === 'pipeline') return whole(deal.pipelineId, deal.pipelineLabels[ctx.locale] ?? deal.pipelineName);
  if (!lines?.length) return whole('none', translate(ctx.locale, 'sales.forecast.no_product'));
  // Lines of one product line are merged first, so the deal counts once per line of business.
  const merged = new Map<string, { key: string | null; label: string | null; total: number }>();
  for (const line of lines) {
    const m = merged.get(line.key ?? '') ?? { key: line.key, label: line.label, total: 0 };
    m.total += line.total;
    merged.set(line.key ?? '', m);
  }
  const groups = [...merged.values()];
  const shares = groups.map((g) => Math.max(g.total, 0));
  const amounts = splitByShares(deal.amount, shares);
  const weights = splitByShares(weighted, shares);
  return groups.map((g, i) => ({ key: g.key ?? 'no_line', label: g.label, amount: amounts[i], weighted: weights[i] }));
}
