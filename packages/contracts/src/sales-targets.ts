import { z } from 'zod';
import { ZCurrency } from './sales-products';

/** S9 targets (业绩目标): new sales or collected amount per month, quarter or year. */
export const TARGET_METRICS = ['new_sales', 'collected'] as const;
export const TARGET_PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export const TARGET_SCOPES = ['company', 'department', 'user'] as const;
const ZMetric = z.enum(TARGET_METRICS);
const ZPeriodKind = z.enum(TARGET_PERIOD_KINDS);
const ZScope = z.enum(TARGET_SCOPES);
const ZYear = z.coerce.number().int().min(2000).max(2100);
const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

// Loose: `lang` and other request-wide parameters pass through.
export const ZTargetGridQuery = z.looseObject({
  year: ZYear,
  metric: ZMetric.default('new_sales'),
  /** Defaults to the workspace currency. */
  currency: ZCurrency.optional(),
});
export type TTargetGridQuery = z.infer<typeof ZTargetGridQuery>;

/** One stored target: its period key is `2026-03`, `2026-Q1` or `2026`. */
export const ZTargetCell = z.object({
  id: z.uuid(),
  period: z.string(),
  periodKind: ZPeriodKind,
  periodStart: ZDate,
  amountMinor: z.number().int(),
  version: z.number().int(),
});
export type TTargetCell = z.infer<typeof ZTargetCell>;

/** Where explicit quarter/year targets and the months (or quarters) below them disagree. */
export const ZTargetWarning = z.object({
  period: z.string(),
  /** months: the months of the quarter or year; quarters: the four quarters of the year. */
  parts: z.enum(['months', 'quarters']),
  partsSumMinor: z.number().int(),
  targetMinor: z.number().int(),
});
export type TTargetWarning = z.infer<typeof ZTargetWarning>;

/** One grid row: the company, a department (tree by parentId) or a rep. */
export const ZTargetRow = z.object({
  scope: ZScope,
  /** Null for the company. */
  scopeId: z.uuid().nullable(),
  name: z.string(),
  /** Department tree parent; a rep's department. */
  parentId: z.uuid().nullable(),
  depth: z.number().int(),
  editable: z.boolean(),
  cells: z.array(ZTargetCell),
  /** Month sums per quarter and per year (`2026-Q1`…, `2026`), for display beside explicit values. */
  monthSums: z.record(z.string(), z.number().int()),
  warnings: z.array(ZTargetWarning),
});
export type TTargetRow = z.infer<typeof ZTargetRow>;

export const ZTargetGridResponse = z.object({
  year: z.number().int(),
  metric: ZMetric,
  currency: z.string(),
  /** May the reader save anything at all (admins; managers for their departments). */
  canEdit: z.boolean(),
  rows: z.array(ZTargetRow),
});
export type TTargetGridResponse = z.infer<typeof ZTargetGridResponse>;

export const ZTargetCellInput = z.object({
  scope: ZScope,
  /** Omit or null for the company. */
  scopeId: z.uuid().nullable().optional(),
  periodKind: ZPeriodKind,
  periodStart: ZDate,
  /** Null clears the target. */
  amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
  /** The version read; omit for a cell that had no target. */
  version: z.number().int().optional(),
}).strict();
export type TTargetCellInput = z.infer<typeof ZTargetCellInput>;

export const ZSaveTargetsRequest = z.object({
  metric: ZMetric,
  currency: ZCurrency.optional(),
  cells: z.array(ZTargetCellInput).min(1).max(2000),
}).strict();
export type TSaveTargetsRequest = z.infer<typeof ZSaveTargetsRequest>;

export const ZSaveTargetsResponse = z.object({
  saved: z.number().int(),
  cleared: z.number().int(),
  unchanged: z.number().int(),
});
export type TSaveTargetsResponse = z.infer<typeof ZSaveTargetsResponse>;

// Loose: `lang` and other request-wide parameters pass through.
export const ZTargetProgressQuery = z.looseObject({
  year: ZYear,
  periodKind: ZPeriodKind.default('month'),
  metric: ZMetric.default('new_sales'),
  currency: ZCurrency.optional(),
  scope: ZScope.optional(),
  scopeId: z.uuid().optional(),
});
export type TTargetProgressQuery = z.infer<typeof ZTargetProgressQuery>;

export const ZTargetProgressPeriod = z.object({
  period: z.string(),
  periodStart: ZDate,
  periodEnd: ZDate,
  targetMinor: z.number().int().nullable(),
  /** Null when the metric cannot be measured yet (see `unavailableReason`). */
  actualMinor: z.number().int().nullable(),
  /** actual / target × 100, one decimal; null without a target or an actual. */
  percent: z.number().nullable(),
  /** What the target expects by today, spread evenly over the period's days. */
  expectedMinor: z.number().int().nullable(),
  pace: z.enum(['ahead', 'behind', 'not_started', 'none']),
});
export type TTargetProgressPeriod = z.infer<typeof ZTargetProgressPeriod>;

export const ZTargetProgressRow = z.object({
  scope: ZScope,
  scopeId: z.uuid().nullable(),
  name: z.string(),
  parentId: z.uuid().nullable(),
  depth: z.number().int(),
  periods: z.array(ZTargetProgressPeriod),
});
export type TTargetProgressRow = z.infer<typeof ZTargetProgressRow>;

export const ZTargetProgressResponse = z.object({
  year: z.number().int(),
  periodKind: ZPeriodKind,
  metric: ZMetric,
  currency: z.string(),
  today: ZDate,
  /** Translated reason when actual figures are not available (collected: payment collection is not built yet). */
  unavailableReason: z.string().nullable(),
  rows: z.array(ZTargetProgressRow),
});
export type TTargetProgressResponse = z.infer<typeof ZTargetProgressResponse>;
