import type { Machine } from '../scenarios/machine';
import type { Summary } from '../scenarios/stats';

export type Unit = 'req/s' | 'ms' | 'MB' | 's' | 'rows/s' | 'events/s';

/** A measurement with its spread; for throughput, `latency` holds per-request latency. */
export interface Measurement {
  unit: Unit;
  value: Summary;
  latency?: Summary;
  /** What was measured, in words (for the floor: what it is). */
  label?: string;
}

export interface Target {
  /** As the issue states it: "≥ 10,000 req/s", "p95 < 50 ms". */
  text: string;
  /** Which statistic the target applies to. */
  stat: 'median' | 'p95';
  op: '>=' | '<';
  limit: number;
  /** The target is defined on this database and scale; elsewhere it is shown for reference. */
  appliesTo?: { database?: 'postgres' | 'pglite'; scale?: string };
}

export interface ScenarioResult {
  id: string;
  title: string;
  status: 'measured' | 'not_built' | 'failed';
  result?: Measurement;
  floor?: Measurement;
  /** result / floor on the medians: for throughput a fraction of the floor, for time a multiple of it. */
  ratio?: number;
  target?: Target;
  met?: boolean;
  /** False when the issue defines the target on another database or scale than this run's. */
  targetApplies?: boolean;
  notes: string[];
  /** Why it was not built or why it failed. */
  reason?: string;
}

export interface BenchRun {
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  database: 'postgres' | 'pglite';
  scale: string;
  quick: boolean;
  seed: string;
  command: string;
  machine: Machine;
  /** Rows per table in the benchmark workspace. */
  data: Record<string, number>;
  notYetSeeded: string[];
  scenarios: ScenarioResult[];
}

/** Whether a target is met, and whether it is defined for this run's database and scale. */
export function judge(target: Target, m: Measurement, run: { database: string; scale: string }): { met: boolean; applies: boolean } {
  const value = m.value[target.stat];
  const met = target.op === '>=' ? value >= target.limit : value < target.limit;
  const applies = (!target.appliesTo?.database || target.appliesTo.database === run.database) && (!target.appliesTo?.scale || target.appliesTo.scale === run.scale);
  return { met, applies };
}
