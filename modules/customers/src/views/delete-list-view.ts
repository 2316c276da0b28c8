import { and, eq, sql } from 'drizzle-orm';
import { writeAudit, type Context } from '@voyage/kernel';
import { listViews } from '../db/views';
import { loadListView } from './list-view-access';

/** Removes one of the actor's views (shared ones disappear for everyone). The records are untouched. */
export async function deleteListView(ctx: Context, id: string): Promise<void> {
  const current = await loadListView(ctx, id, { write: true });
  await ctx.database.db.transaction(async (tx) => {
    const now = new Date();
    await tx.update(listViews).set({ deletedAt: now, updatedAt: now, updatedBy: ctx.actor.userId, version: sql`${listViews.version} + 1` })
      .where(and(eq(listViews.workspaceId, ctx.workspaceId), eq(listViews.id, id)));
    await writeAudit(tx, {
      workspaceId: ctx.workspaceId, action: 'delete', object: 'list_view', recordId: id, summary: current.name,
      oldValues: { name: current.name, shared: current.shared }, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId,
    });
  });
}
