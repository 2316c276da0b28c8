import { describe, expect, it } from 'vitest';
import { areaUnderCurve, predictProbability, trainLogisticRegression } from '../src/forecast/logistic-regression';
import { backtestQuarterly, fitQuarterly, modelKindFor, predictQuarterly } from '../src/forecast/quarterly-model';
import { splitByShares } from '../src/forecast/forecast-access';
import { periodsBetween, periodEnd } from '../src/forecast/periods';

describe('quarterly trend + seasonality', () => {
  // y = 100 + 10·t + season, seasons [0, 30, -20, 50] for Q1..Q4, starting in Q1.
  const season = [0, 30, -20, 50];
  const series = Array.from({ length: 12 }, (_, t) => 100 + 10 * t + season[t % 4]);

  it('recovers the trend and the seasonal effects of an exact series, with a zero-width band', () => {
    const fit = fitQuarterly(series, 0, 'trend_seasonal')!;
    expect(fit.coefficients.map((c) => Math.round(c * 1e6) / 1e6)).toEqual([100, 10, 30, -20, 50]);
    expect(fit.sigma).toBeLessThan(1e-6);
    const next = predictQuarterly(fit, 12, 4);
    expect(next.map((p) => Math.round(p.value))).toEqual([220, 260, 220, 300]);
    expect(next.every((p) => p.high - p.low < 1e-4)).toBe(true);
  });

  it('lines the seasons up when history starts mid-year', () => {
    // The same series, starting in Q3.
    const shifted = Array.from({ length: 10 }, (_, t) => 100 + 10 * t + season[(t + 2) % 4]);
    const fit = fitQuarterly(shifted, 2, 'trend_seasonal')!;
    expect(Math.round(predictQuarterly(fit, 10, 1)[0].value)).toBe(100 + 100 + season[(10 + 2) % 4]);
  });

  it('widens the band with noise and backtests one step ahead with MAPE and MAE', () => {
    const noise = [3, -4, 2, -1, 5, -3, 0, 2, -2, 4, -5, 1];
    const noisy = series.map((v, i) => v + noise[i]);
    const fit = fitQuarterly(noisy, 0, 'trend_seasonal')!;
    const [p] = predictQuarterly(fit, 12, 1);
    expect(p.low).toBeLessThan(p.value);
    expect(p.high - p.value).toBeCloseTo(p.value - p.low, 9);
    expect(p.value).toBeGreaterThan(210);
    expect(p.value).toBeLessThan(230);
    const exact = backtestQuarterly(series, 0, 4);
    expect(exact.points.map((x) => x.index)).toEqual([8, 9, 10, 11]);
    expect(exact.mape).toBeLessThan(1e-9);
    const bt = backtestQuarterly(noisy, 0, 4);
    expect(bt.points).toHaveLength(4);
    const mae = bt.points.reduce((s, x) => s + Math.abs(x.actual - x.predicted), 0) / 4;
    expect(bt.mae).toBeCloseTo(mae, 9);
    expect(bt.mape).toBeCloseTo(bt.points.reduce((s, x) => s + Math.abs((x.actual - x.predicted) / x.actual), 0) / 4, 9);
  });

  it('needs 8 quarters for seasonality, 4 for a trend', () => {
    expect([3, 4, 7, 8].map(modelKindFor)).toEqual(['none', 'trend', 'trend', 'trend_seasonal']);
    const fit = fitQuarterly([10, 20, 30, 40, 50], 0, 'trend')!;
    expect(Math.round(predictQuarterly(fit, 5, 1)[0].value)).toBe(60);
  });
});

describe('AUC', () => {
  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(areaUnderCurve([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(areaUnderCurve([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });
  it('is exactly 0.5 for a ranking with no information', () => {
    // Each positive beats one negative and loses to the other: 2 of 4 pairs.
    expect(areaUnderCurve([0.1, 0.2, 0.3, 0.4], [1, 0, 0, 1])).toBe(0.5);
    // All tied: every pair counts one half.
    expect(areaUnderCurve([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0])).toBe(0.5);
  });
  it('counts ties as one half and is null without both classes', () => {
    expect(areaUnderCurve([0.2, 0.5, 0.5, 0.9], [0, 0, 1, 1])).toBe(0.875);
    expect(areaUnderCurve([0.2, 0.5], [1, 1])).toBeNull();
  });
});

describe('logistic regression', () => {
  it('separates separable data and ranks it perfectly', () => {
    const x = Array.from({ length: 40 }, (_, i) => [i, (i * 7) % 5]);
    const y = x.map(([v]) => (v >= 20 ? 1 : 0));
    const model = trainLogisticRegression(x, y);
    const p = x.map((r) => predictProbability(model, r));
    expect(p.every((v, i) => (y[i] === 1 ? v > 0.5 : v < 0.5))).toBe(true);
    expect(areaUnderCurve(p, y)).toBe(1);
  });

  it('recovers the direction of a known effect from 10,000 rows', () => {
    let seed = 42;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const row = [rand() * 4 - 2, rand() * 4 - 2, rand(), rand() * 10, rand() < 0.3 ? 1 : 0, rand() < 0.5 ? 1 : 0];
      const z = 1.5 * row[0] - 1 * row[1] + 0.5 * row[4];
      x.push(row);
      y.push(rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
    }
    // Its speed is for the benchmark to measure, not a timed test on a shared machine.
    const model = trainLogisticRegression(x, y);
    // Weights are per standard deviation: a uniform on [-2, 2] has sd 4/√12.
    expect(model.weights[1] / (4 / Math.sqrt(12))).toBeCloseTo(1.5, 0);
    expect(model.weights[2] / (4 / Math.sqrt(12))).toBeCloseTo(-1, 0);
    expect(Math.abs(model.weights[4])).toBeLessThan(0.1);
  });
});

describe('helpers', () => {
  it('splits an amount by shares so the parts add up exactly', () => {
    expect(splitByShares(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitByShares(10_001, [3, 1])).toEqual([7501, 2500]);
  });
  it('lists periods and their ends', () => {
    expect(periodsBetween('2026-11-01', '2027-02-28', 'month')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(periodsBetween('2026-11-01', '2027-06-30', 'quarter')).toEqual(['2026-Q4', '2027-Q1', '2027-Q2']);
    expect(periodEnd('2028-02-10', 'month')).toBe('2028-02-29');
    expect(periodEnd('2026-11-10', 'quarter')).toBe('2026-12-31');
  });
});
