import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Context } from '../context';
import { mailMessages } from '../db/schema';
import { validationError } from '../errors';
import { translate } from '../i18n/translate';

export type MailStatus = 'queued' | 'sent' | 'caught' | 'failed';

export interface MailMessageSummary {
  id: string;
  to: string;
  from: string;
  subject: string;
  status: MailStatus;
  error: string | null;
  attempts: number;
  messageId: string | null;
  createdAt: string;
  sentAt: string | null;
}

type Row = typeof mailMessages.$inferSelect;

export function mailMessageSummary(row: Row): MailMessageSummary {
  return {
    id: row.id,
    to: row.toAddress,
    from: row.fromAddress,
    subject: row.subject,
    status: row.status as MailStatus,
    error: row.error,
    attempts: row.attempts,
    messageId: row.messageId,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

/** The workspace's outgoing mail (the admin Outbox), newest first, by keyset on (created_at, id). */
export async function listMailMessages(ctx: Pick<Context, 'db' | 'workspaceId' | 'locale'>, options: { status?: MailStatus; cursor?: string; limit?: number } = {}): Promise<{ data: MailMessageSummary[]; nextCursor: string | null }> {
  const limit = options.limit ?? 50;
  const m = mailMessages;
  const where: SQL[] = [eq(m.workspaceId, ctx.workspaceId)];
  if (options.status) where.push(eq(m.status, options.status));
  if (options.cursor) {
    const [at, id] = decodeCursor(options.cursor, ctx.locale);
    where.push(sql`(${m.createdAt}, ${m.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await ctx.db.select({ row: m, createdText: sql<string>`${m.createdAt}::text` }).from(m).where(and(...where)).orderBy(desc(m.createdAt), desc(m.id)).limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(({ row }) => mailMessageSummary(row)),
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
