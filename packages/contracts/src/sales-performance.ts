import { z } from 'zod';

/** S10 sales performance: leaderboard, win rate, cycle, activities and stage conversion. */
export const PERFORMANCE_SORTS = ['wonAmount', 'wonCount', 'winRate', 'avgCycleDays', 'activities', 'openPipeline'] as const;
const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

// Loose: `lang` and other request-wide parameters pass through.
export const ZSalesPerformanceQuery = z.looseObject({
  /** First and last day (inclusive, workspace time zone) of deals closed and activities done. */
  from: ZDate,
  to: ZDate,
  /** Funnel of this pipeline (the default one when omitted); also limits the figures to it. */
  pipelineId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  /** Amounts in this currency (the workspace currency when omitted); counts include every deal. */
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  sort: z.enum(PERFORMANCE_SORTS).default('wonAmount'),
});
export type TSalesPerformanceQuery = z.infer<typeof ZSalesPerformanceQuery>;

export const ZRepPerformance = z.object({
  rank: z.number().int(),
  userId: z.uuid(),
  name: z.string(),
  departmentId: z.uuid().nullable(),
  wonCount: z.number().int(),
  wonAmountMinor: z.number().int(),
  lostCount: z.number().int(),
  /** won / (won + lost) of deals closed in the range, 0–1; null when none closed. */
  winRate: z.number().nullable(),
  /** Days from creation to close of the deals won in the range, one decimal. */
  avgCycleDays: z.number().nullable(),
  tasksCompleted: z.number().int(),
  stageMoves: z.number().int(),
  activities: z.number().int(),
  openPipelineMinor: z.number().int(),
  openCount: z.number().int(),
});
export type TRepPerformance = z.infer<typeof ZRepPerformance>;

export const ZFunnelStep = z.object({
  /** Null for the combined won step. */
  stageId: z.uuid().nullable(),
  name: z.string(),
  kind: z.enum(['open', 'won']),
  /** Deals of the cohort that reached this stage or a later one. */
  reached: z.number().int(),
  /** reached(next) / reached(this), 0–1; null on the last step or when none reached this. */
  conversionToNext: z.number().nullable(),
  /** reached(this) / reached(first step), 0–1. */
  conversionFromFirst: z.number().nullable(),
});
export type TFunnelStep = z.infer<typeof ZFunnelStep>;

export const ZSalesPerformanceResponse = z.object({
  from: ZDate,
  to: ZDate,
  currency: z.string(),
  pipelineId: z.uuid().nullable(),
  totals: z.object({
    wonCount: z.number().int(),
    wonAmountMinor: z.number().int(),
    lostCount: z.number().int(),
    winRate: z.number().nullable(),
    avgCycleDays: z.number().nullable(),
    activities: z.number().int(),
    openPipelineMinor: z.number().int(),
  }),
  reps: z.array(ZRepPerformance),
  funnel: z.object({
    /** Deals of the pipeline created in the range, in the reader's scope. */
    cohort: z.number().int(),
    steps: z.array(ZFunnelStep),
  }),
  /** What `activities` counts (translated): tasks and meetings completed, and deal stage moves. */
  activitiesNote: z.string(),
});
export type TSalesPerformanceResponse = z.infer<typeof ZSalesPerformanceResponse>;
