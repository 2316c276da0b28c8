/** Summary statistics of repeated measurements. */
export interface Summary {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** The q-quantile (0..1) by linear interpolation between closest ranks. */
export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return { runs: sorted.length, median: round(quantile(sorted, 0.5)), p95: round(quantile(sorted, 0.95)), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) };
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Times `work` `runs` times after `warmup` unmeasured runs; milliseconds per run. */
export async function timeRuns(runs: number, warmup: number, work: (i: number) => Promise<unknown>): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await work(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work(warmup + i);
    times.push(performance.now() - t0);
  }
  return summarize(times);
}

/** Fewest measured runs a time-capped measurement keeps, so that its p95 means something. */
const MIN_CAPPED_RUNS = 20;

/**
 * Times `a` and, when given, `b` in alternation (a, b, a, b…) after `warmup` unmeasured runs
 * of each, so that a change in the machine's background load hits both sides alike. Stops
 * after `runs` pairs, or once `maxSeconds` have passed and at least 20 pairs were taken (a
 * slow scenario, such as a count over a million rows, keeps to its time).
 */
export async function timePairedRuns(
  options: { runs: number; warmup: number; maxSeconds: number },
  a: (i: number) => Promise<unknown>,
  b?: (i: number) => Promise<unknown>,
): Promise<[Summary, Summary | undefined]> {
  for (let i = 0; i < options.warmup; i++) {
    await a(i);
    await b?.(i);
  }
  const ta: number[] = [];
  const tb: number[] = [];
  const end = performance.now() + options.maxSeconds * 1000;
  for (let i = 0; i < options.runs && (i < MIN_CAPPED_RUNS || performance.now() < end); i++) {
    let t0 = performance.now();
    await a(options.warmup + i);
    ta.push(performance.now() - t0);
    if (b) {
      t0 = performance.now();
      await b(options.warmup + i);
      tb.push(performance.now() - t0);
    }
  }
  return [summarize(ta), b ? summarize(tb) : undefined];
}
