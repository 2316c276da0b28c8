import { newId, type Queryable } from '@voyage/kernel';
import { lifecycleHistory } from '../db/ownership';

export interface StageChange {
  recordId: string;
  fromStage: string | null;
  toStage: string | null;
}

export interface StageChangeContext {
  db: Queryable;
  workspaceId: string;
  actorUserId: string | null;
  /** app, api, import, system… */
  source: string;
  at: Date;
}

/** Appends lifecycle history rows, in the caller's transaction so no change goes unrecorded. */
export async function recordStageChanges(ctx: StageChangeContext, object: string, changes: StageChange[]): Promise<void> {
  const rows = changes.filter((c) => c.fromStage !== c.toStage);
  if (rows.length === 0) return;
  await ctx.db.insert(lifecycleHistory).values(rows.map((c) => ({
    workspaceId: ctx.workspaceId, id: newId(), object, recordId: c.recordId, fromStage: c.fromStage, toStage: c.toStage,
    changedAt: ctx.at, actorUserId: ctx.actorUserId, source: ctx.source,
  })));
}
