import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { TPipeline, TPipelineStage } from '@voyage/contracts';
import { AppError, type Queryable } from '@voyage/kernel';
import { pipelines, pipelineStages } from '../db/pipelines';

type StageRow = typeof pipelineStages.$inferSelect;
type PipelineRow = typeof pipelines.$inferSelect;

export function stageView(s: StageRow): TPipelineStage {
  return { id: s.id, pipelineId: s.pipelineId, name: s.name, labels: s.labels, position: s.position, kind: s.kind, probability: s.probability, requiredFields: s.requiredFields, rottingDays: s.rottingDays, version: s.version };
}

function pipelineView(p: PipelineRow, stages: StageRow[]): TPipeline {
  return { id: p.id, name: p.name, labels: p.labels, isDefault: p.isDefault, position: p.position, currency: p.currency, version: p.version, stages: stages.map(stageView) };
}

/** Live pipelines of the workspace (all, or the given ids) with their stages in order. */
export async function loadPipelines(db: Queryable, workspaceId: string, ids?: string[]): Promise<TPipeline[]> {
  const rows = await db.select().from(pipelines)
    .where(and(eq(pipelines.workspaceId, workspaceId), isNull(pipelines.deletedAt), ids ? inArray(pipelines.id, ids) : undefined))
    .orderBy(asc(pipelines.position), asc(pipelines.createdAt));
  if (rows.length === 0) return [];
  const stages = await db.select().from(pipelineStages)
    .where(and(eq(pipelineStages.workspaceId, workspaceId), isNull(pipelineStages.deletedAt), inArray(pipelineStages.pipelineId, rows.map((r) => r.id))))
    .orderBy(asc(pipelineStages.position));
  return rows.map((p) => pipelineView(p, stages.filter((s) => s.pipelineId === p.id)));
}

export async function loadPipeline(db: Queryable, workspaceId: string, id: string): Promise<TPipeline> {
  const [pipeline] = await loadPipelines(db, workspaceId, [id]);
  if (!pipeline) throw new AppError('not_found', { params: { what: 'pipeline' } });
  return pipeline;
}

/** A live stage with its pipeline, or 404. */
export async function loadStage(db: Queryable, workspaceId: string, stageId: string): Promise<StageRow> {
  const [stage] = await db.select().from(pipelineStages)
    .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.id, stageId), isNull(pipelineStages.deletedAt)));
  if (!stage) throw new AppError('not_found', { params: { what: 'stage' } });
  return stage;
}

/** The stage's name in the reader's language (built-in stages carry labels). */
export function stageLabel(stage: Pick<StageRow, 'name' | 'labels'>, locale: string): string {
  return stage.labels[locale] ?? stage.name;
}
