import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZInstallWorkflowTemplateRequest, ZWorkflow, ZWorkflowTemplatesResponse } from '@voyage/contracts';
import { MANAGE_WORKFLOWS } from '../engine/create-workflow';
import { installWorkflowTemplate } from './install-workflow-template';
import { listWorkflowTemplates } from './list-workflow-templates';

/** Ready-made workflows (issue 6 item 5): the gallery and installing one. */
export function workflowTemplateRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['workflows'];
  r.get('/api/v1/workflow-templates', { schema: { tags, summary: 'Ready-made workflows and whether each is installed', response: { 200: ZWorkflowTemplatesResponse } }, config: { module: 'automation', capability: MANAGE_WORKFLOWS, scope: 'automation:read' } },
    async (request) => ({ data: await listWorkflowTemplates(request.ctx()) }));
  r.post('/api/v1/workflow-templates/:key/install', {
    schema: { tags, summary: 'Install a template as a switched-off workflow (409 when installed already)', params: z.object({ key: z.string().max(60) }), body: ZInstallWorkflowTemplateRequest.optional(), response: { 201: ZWorkflow } },
    config: { module: 'automation', capability: MANAGE_WORKFLOWS, scope: 'automation:write' },
  }, async (request, reply) => reply.status(201).send(await installWorkflowTemplate(request.ctx(), request.params.key, request.body ?? {})));
}
