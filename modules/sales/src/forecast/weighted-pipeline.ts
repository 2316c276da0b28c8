import { and, eq, gte, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { TForecastCategory, TForecastPipelineQuery, TForecastPipelineResponse } from '@voyage/contracts';
import { AppError, schema, scopedWhere, translate, type Context, type Queryable } from '@voyage/kernel';
import { deals, pipelineStages, pipelines } from '../db/pipelines';
import { dealLines, products } from '../db/products';
import { assertAmountsVisible, CATEGORY_THRESHOLDS, effectiveCategory, splitByShares, workspaceBasics } from './forecast-access';
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
  const [{ count: withoutCloseDate }] = await ctx.db.select({ count: sql<number>`count(*)`.mapWith(Number) }).from(deals).where(and(open, isNull(deals.closeDate)));
  const groups = query.groupBy === 'product' ? await productGroups(ctx, query.period, inRange) : await sqlGroups(ctx, query, inRange);

  const cells = new Map<string, Row>();
  const categories = new Map<string, CategoryTotal>();
  for (const g of groups) {
    const catKey = `${g.category}|${g.currency}`;
    const total = categories.get(catKey) ?? { category: g.category, currency: g.currency, count: 0, amountMinor: 0, weightedMinor: 0 };
    total.count += g.dealCount; total.amountMinor += g.dealAmount; total.weightedMinor += g.dealWeighted;
    categories.set(catKey, total);
    // Omitted deals are the rep's "leave this out of my forecast".
    if (g.category === 'omitted') continue;
    for (const piece of g.pieces) {
      const key = `${g.period}|${piece.key ?? ''}|${g.currency}`;
      const cell = cells.get(key) ?? { period: g.period, groupKey: piece.key, groupLabel: piece.label, currency: g.currency, count: 0, amountMinor: 0, weightedMinor: 0, commitMinor: 0, bestCaseMinor: 0, pipelineMinor: 0 };
      cell.count += piece.count; cell.amountMinor += piece.amount; cell.weightedMinor += piece.weighted;
      if (g.category === 'commit') cell.commitMinor += piece.weighted;
      else if (g.category === 'best_case') cell.bestCaseMinor += piece.weighted;
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

/** Deals of one period, currency and category, and how they split over the chosen grouping. */
interface Group {
  period: string;
  currency: string;
  category: TForecastCategory;
  dealCount: number;
  dealAmount: number;
  dealWeighted: number;
  pieces: Array<Piece & { count: number }>;
}

const probability = sql<number>`coalesce(${deals.probability}, ${pipelineStages.probability})`;
/** Math.round of each deal's weighted amount, as the product path does per deal. */
const weightedSum = sql<number>`sum(floor(${deals.amountMinor} * ${probability} / 100.0 + 0.5))`.mapWith(Number);
const category = sql<TForecastCategory>`coalesce(${deals.forecastCategory}, case when ${probability} >= ${CATEGORY_THRESHOLDS.commit} then 'commit' when ${probability} >= ${CATEGORY_THRESHOLDS.bestCase} then 'best_case' else 'pipeline' end)`;

/**
 * Owner, team and pipeline groupings are summed by the database: one row per period, group,
 * currency and category, instead of every open deal read into the server (at 200,000 deals the
 * admin's quarter went from seconds to tens of milliseconds).
 */
async function sqlGroups(ctx: Context, query: TForecastPipelineQuery, inRange: SQL | undefined): Promise<Group[]> {
  const period = sql<string>`to_char(${deals.closeDate}, ${query.period === 'month' ? 'YYYY-MM' : 'YYYY-"Q"Q'})`;
  const byOwner = query.groupBy === 'owner';
  const byTeam = query.groupBy === 'team';
  const key = byOwner ? sql<string | null>`${deals.ownerId}::text` : byTeam ? sql<string | null>`${schema.departments.id}::text` : sql<string | null>`${deals.pipelineId}::text`;
  const label = byOwner ? sql<string | null>`max(${schema.users.name})` : byTeam ? sql<string | null>`max(${schema.departments.name})` : sql<string | null>`max(${pipelines.name})`;
  const labels = sql<Record<string, string> | null>`${byOwner || byTeam ? sql`null::jsonb` : sql`(array_agg(${pipelines.labels}))[1]`}`;
  // At 200,000 deals the admin's groups come from ~50,000 open deals: with PostgreSQL's default
  // 4 MB of sort memory they are sorted on disk (~200 ms); 32 MB lets it hash them (~100 ms).
  // SET LOCAL lasts until the end of this transaction only.
  const rows = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '32MB'`);
    return groupedRows(tx, inRange, { period, key, label, labels, byOwner, byTeam });
  });
  return rows.map((r) => {
    const groupLabel = byOwner ? (r.key ? r.label : translate(ctx.locale, 'sales.forecast.no_owner'))
      : byTeam ? r.label ?? translate(ctx.locale, 'sales.forecast.no_team')
        : r.labels?.[ctx.locale] ?? r.label;
    return {
      period: r.period, currency: r.currency, category: r.category, dealCount: r.count, dealAmount: r.amount, dealWeighted: r.weighted,
      pieces: [{ key: r.key, label: groupLabel, count: r.count, amount: r.amount, weighted: r.weighted }],
    };
  });
}

async function groupedRows(db: Queryable, inRange: SQL | undefined, g: { period: SQL<string>; key: SQL<string | null>; label: SQL<string | null>; labels: SQL<Record<string, string> | null>; byOwner: boolean; byTeam: boolean }) {
  const { period, key, label, labels, byOwner, byTeam } = g;
  let from = db.select({
    period, key, label, labels, currency: deals.currency, category,
    count: sql<number>`count(*)`.mapWith(Number), amount: sql<number>`sum(${deals.amountMinor})`.mapWith(Number), weighted: weightedSum,
  }).from(deals)
    .innerJoin(pipelineStages, and(eq(pipelineStages.workspaceId, deals.workspaceId), eq(pipelineStages.id, deals.stageId)))
    .$dynamic();
  if (!byOwner && !byTeam) from = from.innerJoin(pipelines, and(eq(pipelines.workspaceId, deals.workspaceId), eq(pipelines.id, deals.pipelineId)));
  if (byOwner) from = from.leftJoin(schema.users, eq(schema.users.id, deals.ownerId));
  if (byTeam) {
    from = from
      .leftJoin(schema.memberships, and(eq(schema.memberships.workspaceId, deals.workspaceId), eq(schema.memberships.userId, deals.ownerId)))
      .leftJoin(schema.departments, and(eq(schema.departments.workspaceId, deals.workspaceId), eq(schema.departments.id, schema.memberships.departmentId), isNull(schema.departments.deletedAt)));
  }
  return from.where(inRange).groupBy(sql`1`, sql`2`, deals.currency, sql`6`);
}

/** By product line a deal's amounts split by its lines' share, so its deals are read one by one. */
async function productGroups(ctx: Context, periodKind: TForecastPipelineQuery['period'], inRange: SQL | undefined): Promise<Group[]> {
  const rows = await ctx.db.select({
    id: deals.id, amount: deals.amountMinor, currency: deals.currency, closeDate: deals.closeDate, category: deals.forecastCategory,
    probability: probability.mapWith(Number),
  }).from(deals)
    .innerJoin(pipelineStages, and(eq(pipelineStages.workspaceId, deals.workspaceId), eq(pipelineStages.id, deals.stageId)))
    .where(inRange);
  const linesByDeal = new Map<string, Array<{ key: string | null; label: string | null; total: number }>>();
  if (rows.length) {
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
  return rows.map((deal) => {
    const weighted = Math.round((deal.amount * deal.probability) / 100);
    return {
      period: periodKey(String(deal.closeDate), periodKind), currency: deal.currency,
      category: effectiveCategory(deal.category as TForecastCategory | null, deal.probability),
      dealCount: 1, dealAmount: deal.amount, dealWeighted: weighted,
      pieces: productPieces(ctx, deal.amount, weighted, linesByDeal.get(deal.id)).map((p) => ({ ...p, count: 1 })),
    };
  });
}

function productPieces(ctx: Context, amount: number, weighted: number, lines: Array<{ key: string | null; label: string | null; total: number }> | undefined): Piece[] {
  if (!lines?.length) return [{ key: 'none', label: translate(ctx.locale, 'sales.forecast.no_product'), amount, weighted }];
  // Lines of one product line are merged first, so the deal counts once per line of business.
  const merged = new Map<string, { key: string | null; label: string | null; total: number }>();
  for (const line of lines) {
    const m = merged.get(line.key ?? '') ?? { key: line.key, label: line.label, total: 0 };
    m.total += line.total;
    merged.set(line.key ?? '', m);
  }
  const groups = [...merged.values()];
  const shares = groups.map((g) => Math.max(g.total, 0));
  const amounts = splitByShares(amount, shares);
  const weights = splitByShares(weighted, shares);
  return groups.map((g, i) => ({ key: g.key ?? 'no_line', label: g.label, amount: amounts[i], weighted: weights[i] }));
}
