import type { Context } from '../context';
import { translate } from '../i18n/translate';
import { writeAudit } from '../audit/write-audit';
import { queueMail } from './queue-mail';

/** Queues a test message to `to` in the admin's language, to check the mail settings. */
export async function sendTestMail(ctx: Context, to: string): Promise<{ messageId: string }> {
  const messageId = await ctx.database.db.transaction(async (tx) => {
    const id = await queueMail(tx, { workspaceId: ctx.workspaceId, to, subject: translate(ctx.locale, 'mail.test.subject'), text: translate(ctx.locale, 'mail.test.body') });
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'mail_test', object: 'mail_settings', recordId: id, summary: to, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
    return id!;
  });
  return { messageId };
}
