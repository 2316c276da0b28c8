import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Context } from '../context';
import { notifications } from '../db/schema';
import { decodePairCursor, encodePairCursor } from '../records/pair-cursor';

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface ListNotificationsOptions {
  unread?: boolean;
  cursor?: string;
  limit?: number;
}

/** The signed-in user's notifications, newest first, by keyset on (created_at, id). */
export async function listNotifications(ctx: Pick<Context, 'db' | 'workspaceId' | 'actor' | 'locale'>, options: ListNotificationsOptions = {}): Promise<{ data: NotificationView[]; nextCursor: string | null }> {
  const limit = options.limit ?? 50;
  const n = notifications;
  const where: SQL[] = [eq(n.workspaceId, ctx.workspaceId), eq(n.userId, ctx.actor.userId)];
  if (options.unread) where.push(isNull(n.readAt));
  if (options.cursor) {
    const [at, id] = decodePairCursor(options.cursor, ctx.locale, 'timestamp');
    where.push(sql`(${n.createdAt}, ${n.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await ctx.db
    .select({ row: n, createdText: sql<string>`${n.createdAt}::text` })
    .from(n)
    .where(and(...where))
    .orderBy(desc(n.createdAt), desc(n.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(({ row }) => ({ id: row.id, kind: row.kind, title: row.title, body: row.body, link: row.link, readAt: row.readAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() })),
    nextCursor: rows.length > limit && last ? encodePairCursor(last.createdText, last.row.id) : null,
  };
}

