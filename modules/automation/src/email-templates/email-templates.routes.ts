import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCreateEmailTemplateRequest, ZEmailMergeFieldsQuery, ZEmailMergeFieldsResponse, ZEmailTemplate, ZEmailTemplateListResponse, ZUpdateEmailTemplateRequest } from '@voyage/contracts';
import { MANAGE_WORKFLOWS } from '../engine/create-workflow';
import { getMergeFields } from './get-merge-fields';
import { listEmailTemplates } from './list-email-templates';
import { recordEmailOpen, TRACKING_PIXEL } from './open-tracking';
import { createEmailTemplate, trashEmailTemplate, updateEmailTemplate } from './save-email-template';
import { emailTemplateToWire, loadEmailTemplate } from './email-template-wire';

const ZId = z.object({ id: z.uuid() });

/** Email templates of workflows (CRUD, merge fields checked at save) and the open-tracking pixel. */
export function emailTemplateRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['email-templates'];
  const read = { module: 'automation', capability: MANAGE_WORKFLOWS, scope: 'automation:read' };
  const write = { module: 'automation', capability: MANAGE_WORKFLOWS, scope: 'automation:write' };

  r.get('/api/v1/email-templates', { schema: { tags, summary: 'Email templates by name; `object` keeps one record kind\'s and the generic ones', querystring: z.object({ object: z.string().max(60).optional() }), response: { 200: ZEmailTemplateListResponse } }, config: read },
    async (request) => ({ data: await listEmailTemplates(request.ctx(), request.query.object) }));
  r.get('/api/v1/email-templates/merge-fields', { schema: { tags, summary: 'Merge fields a template of a record kind may use', querystring: ZEmailMergeFieldsQuery, response: { 200: ZEmailMergeFieldsResponse } }, config: read },
    async (request) => ({ data: await getMergeFields(request.ctx(), request.query.object) }));
  r.post('/api/v1/email-templates', { schema: { tags, summary: 'Create a template (422 naming an unknown merge field)', body: ZCreateEmailTemplateRequest, response: { 201: ZEmailTemplate } }, config: write },
    async (request, reply) => reply.status(201).send(await createEmailTemplate(request.ctx(), request.body)));
  r.get('/api/v1/email-templates/:id', { schema: { tags, summary: 'One template', params: ZId, response: { 200: ZEmailTemplate } }, config: read },
    async (request) => emailTemplateToWire(await loadEmailTemplate(request.ctx(), request.params.id)));
  r.patch('/api/v1/email-templates/:id', { schema: { tags, summary: 'Change a template (send the version read; 409 when stale)', params: ZId, body: ZUpdateEmailTemplateRequest, response: { 200: ZEmailTemplate } }, config: write },
    async (request) => updateEmailTemplate(request.ctx(), request.params.id, request.body));
  r.delete('/api/v1/email-templates/:id', { schema: { tags, summary: 'Move a template to the trash', params: ZId }, config: write },
    async (request, reply) => {
      await trashEmailTemplate(request.ctx(), request.params.id);
      return reply.status(204).send();
    });

  // The pixel answers the same for any token, so it tells nothing about which mails exist.
  r.get('/api/v1/t/o/:file', { schema: { hide: true, params: z.object({ file: z.string().max(200) }) }, config: { auth: 'public' } },
    async (request, reply) => {
      const token = request.params.file.replace(/\.gif$/, '');
      await recordEmailOpen(app.services.database, app.services.env, token);
      return reply.header('content-type', 'image/gif').header('cache-control', 'no-store, max-age=0').send(TRACKING_PIXEL);
    });
}
