import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Context } from '../context';
import { mailMessages } from '../db/schema';
import { decodePairCursor, encodePairCursor } from '../records/pair-cursor';

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
    const [at, id] = decodePairCursor(options.cursor, ctx.locale, 'timestamp');
    where.push(sql`(${m.createdAt}, ${m.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await ctx.db.select({ row: m, createdText: sql<string>`${m.createdAt}::text` }).from(m).where(and(...where)).orderBy(desc(m.createdAt), desc(m.id)).limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(({ row }) => mailMessageSummary(row)),
    nextCursor: rows.length > limit && last ? encodePairCursor(last.createdText, last.row.id) : null,
  };
}

