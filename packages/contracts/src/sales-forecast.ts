import { z } from 'zod';
import { ZForecastCategory } from './sales-deals';

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Weighted pipeline: open deals × probability by expected close month or quarter. */
export const ZForecastPipelineQuery = z.object({
  period: z.enum(['month', 'quarter']).default('month'),
  groupBy: z.enum(['owner', 'team', 'pipeline', 'product']).default('owner'),
  /** Close dates from (inclusive) and to (inclusive); default: this month and the next 11. */
  from: ZDate.optional(),
  to: ZDate.optional(),
  pipelineId: z.uuid().optional(),
  lang: z.string().max(10).optional(),
}).strict();
export type TForecastPipelineQuery = z.infer<typeof ZForecastPipelineQuery>;

/** One cell: a period × group in one currency. Amounts are minor units. */
export const ZForecastPipelineRow = z.object({
  period: z.string(),
  groupKey: z.string().nullable(),
  groupLabel: z.string().nullable(),
  currency: z.string(),
  count: z.number().int(),
  amountMinor: z.number(),
  weightedMinor: z.number(),
  /** Weighted amount per forecast category (omitted deals are left out of rows). */
  commitMinor: z.number(),
  bestCaseMinor: z.number(),
  pipelineMinor: z.number(),
});
export const ZForecastCategoryTotal = z.object({
  category: ZForecastCategory,
  currency: z.string(),
  count: z.number().int(),
  amountMinor: z.number(),
  weightedMinor: z.number(),
});
export const ZForecastPipelineResponse = z.object({
  period: z.enum(['month', 'quarter']),
  groupBy: z.enum(['owner', 'team', 'pipeline', 'product']),
  from: z.string(),
  to: z.string(),
  baseCurrency: z.string(),
  /** Every period in the range in order, also those without deals. */
  periods: z.array(z.string()),
  rows: z.array(ZForecastPipelineRow),
  categories: z.array(ZForecastCategoryTotal),
  /** Open deals in scope without a close date (not placed in any period). */
  withoutCloseDate: z.object({ count: z.number().int() }),
});
export type TForecastPipelineResponse = z.infer<typeof ZForecastPipelineResponse>;

/** Statistical quarterly forecast from won-deal history. */
export const ZForecastStatisticalQuery = z.object({
  /** The day the forecast is made on (default today); quarters before its quarter are history. */
  asOf: ZDate.optional(),
  pipelineId: z.uuid().optional(),
  lang: z.string().max(10).optional(),
}).strict();
export const ZForecastQuarterPoint = z.object({
  quarter: z.string(),
  actualMinor: z.number().nullable(),
  fittedMinor: z.number().nullable(),
  forecastMinor: z.number().nullable(),
  lowMinor: z.number().nullable(),
  highMinor: z.number().nullable(),
});
export const ZForecastStatisticalResponse = z.object({
  currency: z.string(),
  model: z.enum(['trend_seasonal', 'trend', 'none']),
  historyQuarters: z.number().int(),
  /** Set when history is too short: how many quarters are needed for a forecast / for seasonality. */
  notEnoughHistory: z.object({ have: z.number().int(), need: z.number().int(), message: z.string() }).nullable(),
  /** Won deals in other currencies, left out (no exchange-rate table). */
  otherCurrencyDeals: z.number().int(),
  points: z.array(ZForecastQuarterPoint),
  backtest: z.object({
    folds: z.number().int(),
    mape: z.number().nullable(),
    maeMinor: z.number().nullable(),
    points: z.array(z.object({ quarter: z.string(), actualMinor: z.number(), predictedMinor: z.number() })),
  }).nullable(),
  bandLevel: z.number(),
});
export type TForecastStatisticalResponse = z.infer<typeof ZForecastStatisticalResponse>;

/** Win probability: the model's stats and the open deals scored. */
export const ZForecastWinProbabilityQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  pipelineId: z.uuid().optional(),
  lang: z.string().max(10).optional(),
}).strict();
export const ZWinProbabilityDeal = z.object({
  id: z.uuid(),
  name: z.string(),
  version: z.number().int(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  stageName: z.string(),
  amountMinor: z.number(),
  currency: z.string(),
  closeDate: z.string().nullable(),
  /** The deal's own probability, else its stage's (0–100). */
  stageProbability: z.number(),
  /** The model's probability (0–100), null when there is no model. */
  modelProbability: z.number().nullable(),
  forecastCategory: ZForecastCategory.nullable(),
  /** The category in effect: the rep's choice, or the one derived from the probability. */
  effectiveCategory: ZForecastCategory,
  canEdit: z.boolean(),
});
export const ZWinProbabilityResponse = z.object({
  model: z.object({
    trained: z.boolean(),
    closedDeals: z.number().int(),
    won: z.number().int(),
    lost: z.number().int(),
    /** Held-out AUC (20% of closed deals chosen by id), null when not trained. */
    auc: z.number().nullable(),
    heldOut: z.number().int(),
    features: z.array(z.object({ name: z.string(), weight: z.number() })),
    trainedAt: z.string().nullable(),
    notEnoughHistory: z.object({ have: z.number().int(), need: z.number().int(), message: z.string() }).nullable(),
  }),
  total: z.number().int(),
  data: z.array(ZWinProbabilityDeal),
});
export type TWinProbabilityResponse = z.infer<typeof ZWinProbabilityResponse>;

export const ZSetForecastCategoryRequest = z.object({
  version: z.number().int(),
  /** null: back to the category derived from the probability. */
  forecastCategory: ZForecastCategory.nullable(),
}).strict();
export type TSetForecastCategoryRequest = z.infer<typeof ZSetForecastCategoryRequest>;
