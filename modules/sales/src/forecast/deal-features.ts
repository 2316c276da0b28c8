import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@voyage/kernel';
import { deals, pipelineStages } from '../db/pipelines';

/** What the win-probability model knows of a deal. */
export interface DealFacts {
  id: string;
  status: 'open' | 'won' | 'lost';
  pipelineId: string;
  source: string | null;
  amount: number;
  ageDays: number;
  /** Furthest open stage reached, as its rank among its pipeline's open stages (0–1]. */
  stageReached: number;
  /** Stage changes plus completed tasks on the deal (before it closed). */
  activities: number;
}

/**
 * Reads the facts of the deals matching `where` in a few set-based queries: stage history
 * and completed tasks are counted by correlated subqueries on their (workspace, deal) indexes.
 */
export async function loadDealFacts(db: Queryable, workspaceId: string, where: SQL | undefined, now: Date, options: { limit?: number; offset?: number; orderBy?: SQL[] } = {}): Promise<Array<DealFacts & { row: Record<string, unknown> }>> {
  const stageRanks = await openStageRanks(db, workspaceId);
  let query = db.select({
    id: deals.id, status: deals.status, pipelineId: deals.pipelineId, source: deals.source, amount: deals.amountMinor,
    createdAt: deals.createdAt, closedAt: deals.closedAt, stageId: deals.stageId,
    reached: sql<string | null>`(select string_agg(distinct h.to_stage_id::text, ',') from deal_stage_history h where h.workspace_id = ${deals.workspaceId} and h.deal_id = ${deals.id})`,
    stageChanges: sql<number>`(select count(*) from deal_stage_history h where h.workspace_id = ${deals.workspaceId} and h.deal_id = ${deals.id} and h.from_stage_id is not null)`.mapWith(Number),
    tasksDone: sql<number>`(select count(*) from tasks t where t.workspace_id = ${deals.workspaceId} and t.related_type = 'deal' and t.related_id = ${deals.id} and t.status = 'done' and t.deleted_at is null and (${deals.closedAt} is null or t.completed_at <= ${deals.closedAt}))`.mapWith(Number),
  }).from(deals).where(where).$dynamic();
  if (options.orderBy) query = query.orderBy(...options.orderBy);
  if (options.limit !== undefined) query = query.limit(options.limit).offset(options.offset ?? 0);
  const rows = await query;
  return rows.map((r) => {
    const reachedIds = [...(r.reached ?? '').split(',').filter(Boolean), r.stageId];
    const end = r.closedAt ? new Date(r.closedAt) : now;
    return {
      id: r.id, status: r.status, pipelineId: r.pipelineId, source: r.source, amount: Number(r.amount),
      ageDays: Math.max(0, (end.getTime() - new Date(r.createdAt).getTime()) / 86_400_000),
      stageReached: Math.max(0, ...reachedIds.map((id) => stageRanks.get(id) ?? 0)),
      activities: r.stageChanges + r.tasksDone,
      row: r,
    };
  });
}

/** Each open stage's rank in its pipeline as a fraction: the 2nd of 4 open stages is 0.5. */
async function openStageRanks(db: Queryable, workspaceId: string): Promise<Map<string, number>> {
  const stages = await db.select({ id: pipelineStages.id, pipelineId: pipelineStages.pipelineId, position: pipelineStages.position })
    .from(pipelineStages).where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.kind, 'open'), isNull(pipelineStages.deletedAt)))
    .orderBy(pipelineStages.pipelineId, pipelineStages.position);
  const byPipeline = new Map<string, string[]>();
  for (const s of stages) byPipeline.set(s.pipelineId, [...(byPipeline.get(s.pipelineId) ?? []), s.id]);
  const ranks = new Map<string, number>();
  for (const ids of byPipeline.values()) ids.forEach((id, i) => ranks.set(id, (i + 1) / ids.length));
  return ranks;
}
