import { and, eq, isNull } from 'drizzle-orm';
import { newId, type Queryable, localized } from '@voyage/kernel';
import { pipelines, pipelineStages } from '../db/pipelines';

const l = localized;

/** The pipeline a workspace starts with (新客户销售). */
export const DEFAULT_PIPELINE = {
  labels: l('新客户销售', '新客戶銷售', 'New business'),
  stages: [
    { labels: l('初步接洽', '初步接洽', 'Initial contact'), kind: 'open', probability: 10 },
    { labels: l('需求确认', '需求確認', 'Needs confirmed'), kind: 'open', probability: 30 },
    { labels: l('方案报价', '方案報價', 'Proposal'), kind: 'open', probability: 60 },
    { labels: l('谈判审批', '談判審批', 'Negotiation'), kind: 'open', probability: 80 },
    { labels: l('赢单', '贏單', 'Won'), kind: 'won', probability: 100 },
    { labels: l('输单', '輸單', 'Lost'), kind: 'lost', probability: 0 },
  ] as const,
};

/**
 * Creates the default pipeline the first time a workspace uses pipelines. Two requests racing
 * here both insert with ON CONFLICT DO NOTHING on the one-default index; only the winner adds stages.
 */
export async function ensureDefaultPipeline(db: Queryable, workspaceId: string, actorUserId: string | null): Promise<void> {
  const [any] = await db.select({ id: pipelines.id }).from(pipelines).where(and(eq(pipelines.workspaceId, workspaceId), isNull(pipelines.deletedAt))).limit(1);
  if (any) return;
  const id = newId();
  const inserted = await db.insert(pipelines).values({
    workspaceId, id, name: DEFAULT_PIPELINE.labels['zh-CN'], labels: DEFAULT_PIPELINE.labels, isDefault: true, position: 0, currency: 'CNY', createdBy: actorUserId, updatedBy: actorUserId,
  }).onConflictDoNothing().returning({ id: pipelines.id });
  if (inserted.length === 0) return;
  await db.insert(pipelineStages).values(DEFAULT_PIPELINE.stages.map((s, position) => ({
    workspaceId, id: newId(), pipelineId: id, name: s.labels['zh-CN'], labels: s.labels, position, kind: s.kind, probability: s.probability, createdBy: actorUserId, updatedBy: actorUserId,
  })));
}
