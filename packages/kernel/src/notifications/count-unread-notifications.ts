import { and, count, eq, isNull } from 'drizzle-orm';
import type { Context } from '../context';
import { notifications } from '../db/schema';

/** How many of the signed-in user's notifications are unread (the bell badge). */
export async function countUnreadNotifications(ctx: Pick<Context, 'db' | 'workspaceId' | 'actor'>): Promise<number> {
  const n = notifications;
  const [row] = await ctx.db.select({ value: count() }).from(n).where(and(eq(n.workspaceId, ctx.workspaceId), eq(n.userId, ctx.actor.userId), isNull(n.readAt)));
  return Number(row?.value ?? 0);
}
