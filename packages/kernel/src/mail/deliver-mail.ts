import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { mailMessages, mailSettings } from '../db/schema';
import type { Env } from '../env';
import { openSecret } from '../auth/secret-box';

export type DeliveryOutcome = 'sent' | 'caught' | 'failed' | 'retry' | 'skipped';

/**
 * Sends one queued message through the workspace's SMTP server, or keeps it in the mail
 * catcher (`caught`) when the workspace has no SMTP host: nothing leaves the machine.
 * A temporary failure throws so the job retries; a permanent refusal (5xx) or the last
 * attempt marks the message `failed` with the server's answer.
 */
export async function deliverMail(deps: { env: Env; database: Database }, target: { workspaceId: string; messageId: string }, attempt: { isLastAttempt: boolean }): Promise<DeliveryOutcome> {
  const { db } = deps.database;
  const m = mailMessages;
  const where = and(eq(m.workspaceId, target.workspaceId), eq(m.id, target.messageId));
  const [message] = await db.select().from(m).where(where);
  if (!message || message.status !== 'queued') return 'skipped';
  const [settings] = await db.select().from(mailSettings).where(eq(mailSettings.workspaceId, target.workspaceId));
  if (!settings?.host) {
    await db.update(m).set({ status: 'caught', sentAt: new Date(), error: null }).where(where);
    return 'caught';
  }
  const password = settings.passwordEncrypted ? openSecret(deps.env.VOYAGE_SECRET, settings.passwordEncrypted) : null;
  const nodemailer = (await import('nodemailer')).default;
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port ?? (settings.secure ? 465 : 587),
    secure: settings.secure,
    auth: settings.username ? { user: settings.username, pass: password ?? '' } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  try {
    const info = await transport.sendMail({ from: message.fromAddress, to: message.toAddress, subject: message.subject, text: message.textBody, html: message.htmlBody ?? undefined });
    await db.update(m).set({ status: 'sent', messageId: info.messageId, sentAt: new Date(), error: null, attempts: sql`${m.attempts} + 1` }).where(where);
    return 'sent';
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    const permanent = typeof code === 'number' && code >= 500;
    const text = error instanceof Error ? error.message : String(error);
    const final = permanent || attempt.isLastAttempt;
    await db.update(m).set({ status: final ? 'failed' : 'queued', error: text.slice(0, 2000), attempts: sql`${m.attempts} + 1` }).where(where);
    if (final) return 'failed';
    throw error;
  } finally {
    transport.close();
  }
}
