import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZListMailMessagesQuery,
  ZListMailMessagesResponse,
  ZMailMessageParams,
  ZMailMessageResponse,
  ZMailSettingsResponse,
  ZSendTestMailRequest,
  ZSendTestMailResponse,
  ZUpdateMailSettingsRequest,
} from '@voyage/contracts';
import { getMailMessage, getMailSettings, listMailMessages, sendTestMail, updateMailSettings } from '@voyage/kernel';

const tags = ['mail'];

/** SMTP settings, the test mail and the Outbox (M7). All need the `settings.mail` capability. */
export async function mailRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/mail/settings', {
    schema: { tags, summary: 'SMTP settings of the workspace (the password is never returned)', response: { 200: ZMailSettingsResponse } },
    config: { capability: 'settings.mail', scope: 'settings:read' },
  }, async (request) => getMailSettings(request.ctx()));

  r.put('/api/v1/mail/settings', {
    schema: { tags, summary: 'Save SMTP settings; omit password to keep it, null to clear it; host null = mail catcher', body: ZUpdateMailSettingsRequest, response: { 200: ZMailSettingsResponse } },
    config: { capability: 'settings.mail', scope: 'settings:write' },
  }, async (request) => updateMailSettings(request.ctx(), request.body));

  r.post('/api/v1/mail/test', {
    schema: { tags, summary: 'Queue a test email to an address', body: ZSendTestMailRequest, response: { 202: ZSendTestMailResponse } },
    config: { capability: 'settings.mail', scope: 'settings:write' },
  }, async (request, reply) => reply.status(202).send(await sendTestMail(request.ctx(), request.body.to)));

  r.get('/api/v1/mail/messages', {
    schema: { tags, summary: 'The Outbox: outgoing mail, newest first', querystring: ZListMailMessagesQuery, response: { 200: ZListMailMessagesResponse } },
    config: { capability: 'settings.mail', scope: 'settings:read' },
  }, async (request) => {
    const { lang: _lang, ...options } = request.query;
    return listMailMessages(request.ctx(), options);
  });

  r.get('/api/v1/mail/messages/:id', {
    schema: { tags, summary: 'One outgoing message with its body', params: ZMailMessageParams, response: { 200: ZMailMessageResponse } },
    config: { capability: 'settings.mail', scope: 'settings:read' },
  }, async (request) => getMailMessage(request.ctx(), request.params.id));
}
