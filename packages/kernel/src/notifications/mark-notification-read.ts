import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from '../context';
import { notifications } from '../db/schema';
import { notFound } from '../errors';

/** Marks one of the signed-in user's notifications read. Someone else's answers 404. */
export async function markNotificationRead(ctx: Pick<Context, 'db' | 'workspaceId' | 'actor'>, id: string): Promise<void> {
  const n = notifications;
  const mine = and(eq(n.workspaceId, ctx.workspaceId), eq(n.id, id), eq(n.userId, ctx.actor.userId));
  const updated = await ctx.db.update(n).set({ readAt: new Date() }).where(and(mine, isNull(n.readAt))).returning({ id: n.id });
  if (updated.length > 0) return;
  const [existing] = await ctx.db.select({ id: n.id }).from(n).where(mine);
  if (!existing) throw notFound('notification');
}
