import { invertMatrix, solveLinearSystem } from './linear-algebra';

/**
 * Quarterly forecast by least squares: y = a + b·t (+ a dummy per quarter of the year but
 * the first). Seasonality needs two full years of history; with one year (four quarters)
 * the trend alone is fitted; with less nothing is.
 */
export type QuarterlyModelKind = 'trend_seasonal' | 'trend' | 'none';

export const QUARTERS_FOR_SEASONALITY = 8;
export const QUARTERS_FOR_TREND = 4;
/** Two-sided 80% band: the 90% quantile of Student's t by residual degrees of freedom. */
const T90 = [3.078, 1.886, 1.638, 1.533, 1.476, 1.44, 1.415, 1.397, 1.383, 1.372, 1.363, 1.356, 1.35, 1.345, 1.341, 1.337, 1.333, 1.33, 1.328, 1.325, 1.323, 1.321, 1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.31];
export function t90(df: number): number {
  if (df < 1) return Number.NaN;
  return df <= T90.length ? T90[df - 1] : df <= 60 ? 1.296 : df <= 120 ? 1.289 : 1.282;
}

export function modelKindFor(quarters: number): QuarterlyModelKind {
  return quarters >= QUARTERS_FOR_SEASONALITY ? 'trend_seasonal' : quarters >= QUARTERS_FOR_TREND ? 'trend' : 'none';
}

export interface QuarterlyFit {
  kind: Exclude<QuarterlyModelKind, 'none'>;
  coefficients: number[];
  /** Residual standard error (√(SSR / (n − p))). */
  sigma: number;
  degreesOfFreedom: number;
  fitted: number[];
  /** (XᵀX)⁻¹, for the prediction interval of a new point. */
  covariance: number[][];
  /** Quarter of the year (0–3) of the first observation, so dummies line up. */
  firstQuarterOfYear: number;
}

function designRow(kind: QuarterlyFit['kind'], t: number, quarterOfYear: number): number[] {
  const row = [1, t];
  if (kind === 'trend_seasonal') for (let q = 1; q < 4; q++) row.push(quarterOfYear === q ? 1 : 0);
  return row;
}

/** Fits the model of the given kind to quarterly values starting at quarter-of-year `firstQuarterOfYear`. */
export function fitQuarterly(values: number[], firstQuarterOfYear: number, kind: QuarterlyFit['kind']): QuarterlyFit | null {
  const rows = values.map((_, t) => designRow(kind, t, (firstQuarterOfYear + t) % 4));
  const p = rows[0]?.length ?? 0;
  if (values.length <= p - 1 || p === 0) return null;
  const xtx = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => rows.reduce((s, r) => s + r[i] * r[j], 0)));
  const xty = Array.from({ length: p }, (_, i) => rows.reduce((s, r, k) => s + r[i] * values[k], 0));
  const coefficients = solveLinearSystem(xtx, xty);
  const covariance = invertMatrix(xtx);
  if (!coefficients || !covariance) return null;
  const fitted = rows.map((r) => r.reduce((s, x, i) => s + x * coefficients[i], 0));
  const ssr = values.reduce((s, y, i) => s + (y - fitted[i]) ** 2, 0);
  const degreesOfFreedom = values.length - p;
  const sigma = degreesOfFreedom > 0 ? Math.sqrt(ssr / degreesOfFreedom) : 0;
  return { kind, coefficients, sigma, degreesOfFreedom, fitted, covariance, firstQuarterOfYear };
}

export interface QuarterlyPrediction { value: number; low: number; high: number }

/** Predicts `horizon` quarters after the fitted ones, with an 80% prediction band. */
export function predictQuarterly(fit: QuarterlyFit, observed: number, horizon: number): QuarterlyPrediction[] {
  const out: QuarterlyPrediction[] = [];
  for (let h = 0; h < horizon; h++) {
    const t = observed + h;
    const x = designRow(fit.kind, t, (fit.firstQuarterOfYear + t) % 4);
    const value = x.reduce((s, v, i) => s + v * fit.coefficients[i], 0);
    // Var(prediction) = σ²·(1 + xᵀ(XᵀX)⁻¹x): noise plus the uncertainty of the coefficients.
    const leverage = x.reduce((s, xi, i) => s + xi * x.reduce((s2, xj, j) => s2 + fit.covariance[i][j] * xj, 0), 0);
    const half = fit.degreesOfFreedom > 0 ? t90(fit.degreesOfFreedom) * fit.sigma * Math.sqrt(1 + leverage) : 0;
    out.push({ value, low: value - half, high: value + half });
  }
  return out;
}

export interface BacktestResult {
  /** One-step-ahead predictions for the last `folds` quarters, each fitted only on what came before. */
  points: Array<{ index: number; actual: number; predicted: number }>;
  /** Mean absolute percentage error over folds whose actual is not zero (null if none). */
  mape: number | null;
  mae: number | null;
}

/**
 * Rolling-origin backtest: for each of the last `folds` quarters, fit on the quarters before
 * it (with the model that history length allows, as the forecast would have then) and predict
 * it one step ahead.
 */
export function backtestQuarterly(values: number[], firstQuarterOfYear: number, folds = 4): BacktestResult {
  const points: BacktestResult['points'] = [];
  for (let origin = Math.max(QUARTERS_FOR_TREND - 1, values.length - folds); origin < values.length; origin++) {
    const train = values.slice(0, origin);
    const kind = modelKindFor(train.length);
    const fit = fitQuarterly(train, firstQuarterOfYear, kind === 'none' ? 'trend' : kind);
    if (!fit) continue;
    points.push({ index: origin, actual: values[origin], predicted: predictQuarterly(fit, train.length, 1)[0].value });
  }
  const nonZero = points.filter((p) => p.actual !== 0);
  const mape = nonZero.length ? nonZero.reduce((s, p) => s + Math.abs((p.actual - p.predicted) / p.actual), 0) / nonZero.length : null;
  const mae = points.length ? points.reduce((s, p) => s + Math.abs(p.actual - p.predicted), 0) / points.length : null;
  return { points, mape, mae };
}
