import { and, eq } from 'drizzle-orm';
import type { Context } from '../context';
import { mailMessages } from '../db/schema';
import { notFound } from '../errors';
import { mailMessageSummary, type MailMessageSummary } from './list-mail-messages';

export interface MailMessageView extends MailMessageSummary {
  textBody: string;
  htmlBody: string | null;
}

/** One outgoing message with its body. */
export async function getMailMessage(ctx: Pick<Context, 'db' | 'workspaceId'>, id: string): Promise<MailMessageView> {
  const [row] = await ctx.db.select().from(mailMessages).where(and(eq(mailMessages.workspaceId, ctx.workspaceId), eq(mailMessages.id, id)));
  if (!row) throw notFound('message');
  return { ...mailMessageSummary(row), textBody: row.textBody, htmlBody: row.htmlBody };
}
