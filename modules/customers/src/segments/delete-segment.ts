import { and, eq } from 'drizzle-orm';
import { writeAudit, type Context } from '@voyage/kernel';
import { segmentMembers, segments } from '../db/segments';
import { loadSegment } from './segment-access';

/** Deletes a segment (owner or admin) and its member list; the records themselves are untouched. */
export async function deleteSegment(ctx: Context, id: string): Promise<void> {
  const current = await loadSegment(ctx, id, { write: true });
  await ctx.database.db.transaction(async (tx) => {
    await tx.delete(segmentMembers).where(and(eq(segmentMembers.workspaceId, ctx.workspaceId), eq(segmentMembers.segmentId, id)));
    await tx.update(segments).set({ deletedAt: new Date(), updatedAt: new Date(), updatedBy: ctx.actor.userId }).where(and(eq(segments.workspaceId, ctx.workspaceId), eq(segments.id, id)));
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'delete', object: 'segment', recordId: id, summary: current.name, oldValues: { name: current.name, kind: current.kind }, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
  });
}
