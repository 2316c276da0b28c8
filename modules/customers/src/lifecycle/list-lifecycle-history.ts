import { and, desc, eq } from 'drizzle-orm';
import { schema, type Context } from '@voyage/kernel';
import type { TLifecycleHistoryResponse } from '@voyage/contracts';
import { lifecycleHistory } from '../db/ownership';
import type { RecordKind } from '../record-kinds';
import { getRecord } from '../use-cases/get-record';

/** Stage changes of one record the actor may read, newest first. */
export async function listLifecycleHistory(ctx: Context, kind: RecordKind, id: string): Promise<TLifecycleHistoryResponse> {
  await getRecord(ctx, kind, id);
  const h = lifecycleHistory;
  const rows = await ctx.db.select({
    id: h.id, fromStage: h.fromStage, toStage: h.toStage, changedAt: h.changedAt, actorUserId: h.actorUserId, actorName: schema.users.name, source: h.source,
  }).from(h).leftJoin(schema.users, eq(schema.users.id, h.actorUserId))
    .where(and(eq(h.workspaceId, ctx.workspaceId), eq(h.object, kind.object), eq(h.recordId, id)))
    .orderBy(desc(h.changedAt), desc(h.id)).limit(200);
  return { data: rows.map((r) => ({ ...r, actorName: r.actorName ?? null, changedAt: r.changedAt.toISOString() })) };
}
