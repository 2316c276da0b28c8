import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from '../context';
import { notifications } from '../db/schema';

/** Marks every unread notification of the signed-in user read. Returns how many changed. */
export async function markAllNotificationsRead(ctx: Pick<Context, 'db' | 'workspaceId' | 'actor'>): Promise<number> {
  const n = notifications;
  const updated = await ctx.db
    .update(n)
    .set({ readAt: new Date() })
    .where(and(eq(n.workspaceId, ctx.workspaceId), eq(n.userId, ctx.actor.userId), isNull(n.readAt)))
    .returning({ id: n.id });
  return updated.length;
}
