import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { mailMessages, mailSettings } from '../db/schema';
import { newId } from '../ids';
import { emitEvents } from '../events/outbox';

/** Emitted with every queued message; the mail subscriber turns it into a `mail.deliver` job. */
export const MAIL_QUEUED_EVENT = 'platform.mail.queued';

export interface OutgoingMail {
  workspaceId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The same key never sends twice (idempotent actions). */
  dedupeKey?: string;
}

/**
 * Records an email to send, inside the caller's transaction. Delivery happens after commit
 * in the `mail.deliver` job: through the workspace's SMTP server, or kept by the mail catcher
 * when none is configured. Returns the message id, or null when the dedupe key was already used.
 */
export async function queueMail(db: Queryable, mail: OutgoingMail): Promise<string | null> {
  const settings = await db.select({ fromName: mailSettings.fromName, fromEmail: mailSettings.fromEmail }).from(mailSettings).where(eq(mailSettings.workspaceId, mail.workspaceId)).limit(1);
  const from = settings[0] ? `"${settings[0].fromName}" <${settings[0].fromEmail}>` : '"Voyage CRM" <no-reply@voyage.local>';
  const id = newId();
  const inserted = await db
    .insert(mailMessages)
    .values({ workspaceId: mail.workspaceId, id, toAddress: mail.to, fromAddress: from, subject: mail.subject, textBody: mail.text, htmlBody: mail.html ?? null, dedupeKey: mail.dedupeKey ?? null, status: 'queued' })
    .onConflictDoNothing()
    .returning({ id: mailMessages.id });
  if (!inserted[0]) return null;
  // Through the outbox, so delivery starts only once the caller's transaction has committed.
  await emitEvents(db, { workspaceId: mail.workspaceId, event: MAIL_QUEUED_EVENT, payload: { messageId: id } });
  return id;
}
