import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '@voyage/kernel';
import { deals } from '../db/pipelines';
import { loadDealFacts, type DealFacts } from './deal-features';
import { areaUnderCurve, predictProbability, trainLogisticRegression, type LogisticModel } from './logistic-regression';

/** Closed deals the model needs, and of each outcome. */
export const MIN_CLOSED_DEALS = 30;
export const MIN_PER_OUTCOME = 5;
/** A source or pipeline becomes its own feature once this many closed deals carry it. */
const MIN_LEVEL_COUNT = 5;
const MAX_LEVELS = 8;

export interface WinModel {
  closedDeals: number;
  won: number;
  lost: number;
  trained: boolean;
  auc: number | null;
  heldOut: number;
  featureNames: string[];
  model: LogisticModel | null;
  sources: string[];
  pipelineIds: string[];
  trainedAt: Date;
}

/** A deterministic 80/20 split: FNV-1a of the id, one in five held out. */
export function isHeldOut(id: string): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) { h ^= id.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h % 5 === 0;
}

export function featureRow(facts: DealFacts, model: Pick<WinModel, 'sources' | 'pipelineIds'>): number[] {
  return [
    facts.stageReached,
    Math.log1p(facts.ageDays),
    Math.log1p(facts.activities),
    Math.log1p(facts.amount / 100),
    ...model.sources.map((s) => (facts.source === s ? 1 : 0)),
    ...model.pipelineIds.map((p) => (facts.pipelineId === p ? 1 : 0)),
  ];
}

/** The most frequent levels with enough closed deals; the commonest is the baseline (no column). */
function levels(values: Array<string | null>): string[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  const frequent = [...counts.entries()].filter(([, c]) => c >= MIN_LEVEL_COUNT).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const nullCount = values.filter((v) => !v).length;
  // Without a sizeable "none" group, the commonest level is the baseline.
  const keep = nullCount >= MIN_LEVEL_COUNT ? frequent : frequent.slice(1);
  return keep.slice(0, MAX_LEVELS).map(([v]) => v);
}

/** Trains on the workspace's closed deals: held-out AUC from an 80% fit, then refit on all for scoring. */
export async function trainWinModel(db: Queryable, workspaceId: string, now: Date): Promise<WinModel> {
  const closed = await loadDealFacts(db, workspaceId, and(eq(deals.workspaceId, workspaceId), isNull(deals.deletedAt), inArray(deals.status, ['won', 'lost'])), now);
  const won = closed.filter((d) => d.status === 'won').length;
  const lost = closed.length - won;
  const base = { closedDeals: closed.length, won, lost, trainedAt: now };
  if (closed.length < MIN_CLOSED_DEALS || won < MIN_PER_OUTCOME || lost < MIN_PER_OUTCOME) {
    return { ...base, trained: false, auc: null, heldOut: 0, featureNames: [], model: null, sources: [], pipelineIds: [] };
  }
  const shape = { sources: levels(closed.map((d) => d.source)), pipelineIds: levels(closed.map((d) => d.pipelineId)) };
  const x = closed.map((d) => featureRow(d, shape));
  const y = closed.map((d) => (d.status === 'won' ? 1 : 0));
  const test = closed.map((d) => isHeldOut(d.id));
  const trainX = x.filter((_, i) => !test[i]);
  const trainY = y.filter((_, i) => !test[i]);
  let auc: number | null = null;
  if (trainY.includes(1) && trainY.includes(0)) {
    const holdout = trainLogisticRegression(trainX, trainY);
    const testIdx = test.flatMap((t, i) => (t ? [i] : []));
    auc = areaUnderCurve(testIdx.map((i) => predictProbability(holdout, x[i])), testIdx.map((i) => y[i]));
  }
  const model = trainLogisticRegression(x, y);
  const featureNames = ['stage', 'age', 'activities', 'amount', ...shape.sources.map((s) => `source:${s}`), ...shape.pipelineIds.map((p) => `pipeline:${p}`)];
  return { ...base, trained: true, auc, heldOut: test.filter(Boolean).length, featureNames, model, ...shape };
}

const cache = new Map<string, { fingerprint: string; model: WinModel }>();

/**
 * The workspace's model, retrained only when its closed deals, their stage history or their
 * completed tasks changed (a fingerprint of counts and the latest change). In memory per
 * process: training takes well under a second, so each replica may do it once.
 */
export async function workspaceWinModel(db: Queryable, workspaceId: string, now: Date): Promise<WinModel> {
  const [f] = await db.select({
    fingerprint: sql<string>`concat_ws('|', count(*), max(${deals.updatedAt}),
      (select count(*) from deal_stage_history h where h.workspace_id = ${workspaceId}),
      (select count(*) || '/' || coalesce(max(t.updated_at)::text, '') from tasks t where t.workspace_id = ${workspaceId} and t.related_type = 'deal'))`,
  }).from(deals).where(and(eq(deals.workspaceId, workspaceId), isNull(deals.deletedAt), inArray(deals.status, ['won', 'lost'])));
  const hit = cache.get(workspaceId);
  if (hit && hit.fingerprint === f.fingerprint) return hit.model;
  const model = await trainWinModel(db, workspaceId, now);
  cache.set(workspaceId, { fingerprint: f.fingerprint, model });
  return model;
}
