import { and, eq, lt, ne, sql } from 'drizzle-orm';
import type { TForecastStatisticalResponse } from '@voyage/contracts';
import { scopedWhere, translate, type Context } from '@voyage/kernel';
import { deals } from '../db/pipelines';
import { assertAmountsVisible, workspaceBasics } from './forecast-access';
import { periodStart, todayIn } from './periods';
import { QUARTERS_FOR_SEASONALITY, QUARTERS_FOR_TREND, backtestQuarterly, fitQuarterly, modelKindFor, predictQuarterly } from './quarterly-model';

/** Quarters forecast ahead, and the band's coverage. */
export const FORECAST_HORIZON_QUARTERS = 4;
const BAND_LEVEL = 0.8;
const BACKTEST_FOLDS = 4;

const quarterIndex = (key: string) => Number(key.slice(0, 4)) * 4 + Number(key.slice(6)) - 1;
const quarterKey = (index: number) => `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;

/**
 * A statistical quarterly forecast from the reader's won deals (by the day they were won, in
 * the workspace's time zone, in its base currency): least squares with a linear trend and
 * quarterly seasonality, an 80% prediction band, and a rolling-origin backtest.
 */
export async function statisticalForecast(ctx: Context, query: { asOf?: string; pipelineId?: string }): Promise<TForecastStatisticalResponse> {
  assertAmountsVisible(ctx);
  const { currency, timezone } = await workspaceBasics(ctx);
  const currentQuarterStart = periodStart(query.asOf ?? todayIn(timezone), 'quarter');
  const scope = await scopedWhere(ctx, deals, 'deal', { access: 'read' });
  const wonDay = sql`(${deals.closedAt} at time zone ${timezone})::date`;
  const won = and(scope, eq(deals.status, 'won'), sql`${deals.closedAt} is not null`, lt(wonDay, currentQuarterStart), query.pipelineId ? eq(deals.pipelineId, query.pipelineId) : undefined);
  const quarter = sql<string>`to_char(${wonDay}, 'YYYY-"Q"Q')`;
  const sums = await ctx.db.select({ quarter, amount: sql<number>`sum(${deals.amountMinor})`.mapWith(Number) })
    // Grouped by position: the time zone is a bound parameter, so the select and GROUP BY texts differ.
    .from(deals).where(and(won, eq(deals.currency, currency))).groupBy(sql`1`);
  const [{ others }] = await ctx.db.select({ others: sql<number>`count(*)`.mapWith(Number) }).from(deals).where(and(won, ne(deals.currency, currency)));

  const lastHistory = quarterIndex(`${currentQuarterStart.slice(0, 4)}-Q${Math.ceil(Number(currentQuarterStart.slice(5, 7)) / 3)}`) - 1;
  const byQuarter = new Map(sums.map((s) => [quarterIndex(s.quarter), s.amount]));
  const first = sums.length ? Math.min(...byQuarter.keys()) : lastHistory + 1;
  // Quarters without a won deal count as zero between the first win and the last complete quarter.
  const values = Array.from({ length: Math.max(0, lastHistory - first + 1) }, (_, i) => byQuarter.get(first + i) ?? 0);
  const kind = modelKindFor(values.length);
  const base = { currency, historyQuarters: values.length, otherCurrencyDeals: others, bandLevel: BAND_LEVEL };
  const history = values.map((v, i) => ({ quarter: quarterKey(first + i), actualMinor: v, fittedMinor: null as number | null, forecastMinor: null, lowMinor: null, highMinor: null }));
  const fit = kind === 'none' ? null : fitQuarterly(values, first % 4, kind);
  if (!fit) {
    return { ...base, model: 'none', notEnoughHistory: { have: values.length, need: QUARTERS_FOR_TREND, message: translate(ctx.locale, 'sales.forecast.need_quarters', { have: values.length, need: QUARTERS_FOR_TREND }) }, points: history, backtest: null };
  }
  fit.fitted.forEach((v, i) => { history[i].fittedMinor = Math.round(v); });
  const ahead = predictQuarterly(fit, values.length, FORECAST_HORIZON_QUARTERS).map((p, h) => ({
    quarter: quarterKey(lastHistory + 1 + h), actualMinor: null, fittedMinor: null,
    // Sales cannot be negative: the point and the band are floored at zero.
    forecastMinor: Math.max(0, Math.round(p.value)), lowMinor: Math.max(0, Math.round(p.low)), highMinor: Math.max(0, Math.round(p.high)),
  }));
  const backtest = backtestQuarterly(values, first % 4, BACKTEST_FOLDS);
  return {
    ...base,
    model: fit.kind,
    notEnoughHistory: fit.kind === 'trend' ? { have: values.length, need: QUARTERS_FOR_SEASONALITY, message: translate(ctx.locale, 'sales.forecast.need_quarters_seasonal', { have: values.length, need: QUARTERS_FOR_SEASONALITY }) } : null,
    points: [...history, ...ahead],
    backtest: {
      folds: backtest.points.length,
      mape: backtest.mape === null ? null : Math.round(backtest.mape * 10000) / 10000,
      maeMinor: backtest.mae === null ? null : Math.round(backtest.mae),
      points: backtest.points.map((p) => ({ quarter: quarterKey(first + p.index), actualMinor: p.actual, predictedMinor: Math.round(p.predicted) })),
    },
  };
}
