import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Context } from '../context';
import { notifications } from '../db/schema';
import { validationError } from '../errors';
import { translate } from '../i18n/translate';

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
    const [at, id] = decodeCursor(options.cursor, ctx.locale);
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
    nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.createdText, last.row.id])).toString('base64url') : null,
  };
}

// The cursor keeps the timestamp as PostgreSQL prints it: a Date would drop microseconds.
function decodeCursor(cursor: string, locale: Context['locale']): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && /^\d{4}-\d\d-\d\d[ T][\d:.]+([+-]\d\d(:?\d\d)?|Z)$/.test(String(value[0])) && /^[0-9a-f-]{36}$/i.test(String(value[1]))) return value as [string, string];
  } catch {
    // reported below
  }
  throw validationError([{ field: 'query.cursor', code: 'invalid', message: translate(locale, 'field.invalid', { field: 'query.cursor' }) }]);
}
