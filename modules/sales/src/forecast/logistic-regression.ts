import { solveLinearSystem } from './linear-algebra';

/**
 * Logistic regression fitted by iteratively reweighted least squares (Newton's method) on
 * standardised features, with a small L2 penalty so separable data still converges.
 */
export interface LogisticModel {
  /** Intercept first, then one weight per (standardised) feature. */
  weights: number[];
  means: number[];
  scales: number[];
  iterations: number;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function trainLogisticRegression(features: number[][], labels: number[], options: { l2?: number; maxIterations?: number } = {}): LogisticModel {
  const n = features.length;
  const p = features[0]?.length ?? 0;
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 25;
  const means = Array.from({ length: p }, (_, j) => features.reduce((s, r) => s + r[j], 0) / Math.max(n, 1));
  const scales = Array.from({ length: p }, (_, j) => {
    const v = features.reduce((s, r) => s + (r[j] - means[j]) ** 2, 0) / Math.max(n, 1);
    return v > 1e-12 ? Math.sqrt(v) : 1;
  });
  // Standardised design with a leading 1 for the intercept.
  const x = features.map((r) => [1, ...r.map((v, j) => (v - means[j]) / scales[j])]);
  const d = p + 1;
  let w = new Array<number>(d).fill(0);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < n; i++) {
      const row = x[i];
      let z = 0;
      for (let j = 0; j < d; j++) z += row[j] * w[j];
      const mu = sigmoid(z);
      const r = labels[i] - mu;
      const weight = Math.max(mu * (1 - mu), 1e-10);
      for (let j = 0; j < d; j++) {
        grad[j] += row[j] * r;
        const wj = weight * row[j];
        for (let k = j; k < d; k++) hess[j][k] += wj * row[k];
      }
    }
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) hess[j][k] = hess[k][j];
    // The intercept is not penalised.
    for (let j = 1; j < d; j++) { grad[j] -= l2 * w[j]; hess[j][j] += l2; }
    const step = solveLinearSystem(hess, grad);
    if (!step) break;
    w = w.map((v, j) => v + step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-6) { iterations++; break; }
  }
  return { weights: w, means, scales, iterations };
}

/** P(label = 1) for one feature row. */
export function predictProbability(model: LogisticModel, row: number[]): number {
  let z = model.weights[0];
  for (let j = 0; j < row.length; j++) z += model.weights[j + 1] * ((row[j] - model.means[j]) / model.scales[j]);
  return sigmoid(z);
}

/**
 * Area under the ROC curve as the Mann–Whitney rank statistic: the chance that a random
 * positive scores above a random negative, ties counting one half. Null without both classes.
 */
export function areaUnderCurve(scores: number[], labels: number[]): number | null {
  const order = scores.map((s, i) => ({ s, y: labels[i] })).sort((a, b) => a.s - b.s);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j].s === order[i].s) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (order[k].y === 1) { positives++; rankSum += averageRank; }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
