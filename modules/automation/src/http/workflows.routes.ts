import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCreateWorkflowRequest, ZPublishWorkflowRequest, ZSetWorkflowStatusRequest, ZUpdateWorkflowRequest,
  ZRestoreWorkflowVersionRequest, ZValidateWorkflowResponse, ZWorkflow, ZWorkflowCatalogResponse, ZWorkflowListResponse, ZWorkflowVersionParams, ZWorkflowVersionsResponse,
} from '@voyage/contracts';
import { createWorkflow, MANAGE_WORKFLOWS } from '../engine/create-workflow';
import { getWorkflowCatalog } from '../engine/get-catalog';
import { listWorkflows } from '../engine/list-workflows';
import { listWorkflowVersions } from '../engine/list-workflow-versions';
import { publishWorkflow, validateWorkflow } from '../engine/publish-workflow';
import { restoreWorkflowVersion } from '../engine/restore-workflow-version';
import { setWorkflowStatus } from '../engine/set-workflow-status';
import { setWorkflowTrashed } from '../engine/trash-workflow';
import { updateWorkflow } from '../engine/update-workflow';
import { getWorkflow } from '../engine/workflow-wire';

export const ZId = z.object({ id: z.uuid() });

/** The workflow designer's API (A1, A2): catalogue, workflows, drafts, validation, publishing, status, versions. */
export function workflowRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['workflows'];
  const read = { module: 'automation', capability: MANAGE_WORKFLOWS, scope: 'automation:read' };
  const write = { module: 'automation', capability: MANAGE_WORKFLOWS, scope: 'automation:write' };

  r.get('/api/v1/automation/catalog', { schema: { tags, summary: 'Record kinds (with custom fields), actions and events workflows can use, translated', response: { 200: ZWorkflowCatalogResponse } }, config: read },
    async (request) => getWorkflowCatalog(request.ctx()));
  r.get('/api/v1/workflows', { schema: { tags, summary: 'Workflows (or the trash) with run counters', querystring: z.object({ trash: z.enum(['true', 'false']).optional() }), response: { 200: ZWorkflowListResponse } }, config: read },
    async (request) => ({ data: await listWorkflows(request.ctx(), { trash: request.query.trash === 'true' }) }));
  r.post('/api/v1/workflows', { schema: { tags, summary: 'Create a workflow (off, with a draft graph)', body: ZCreateWorkflowRequest, response: { 201: ZWorkflow } }, config: write },
    async (request, reply) => reply.status(201).send(await createWorkflow(request.ctx(), request.body)));
  r.get('/api/v1/workflows/:id', { schema: { tags, summary: 'One workflow with its draft graph', params: ZId, response: { 200: ZWorkflow } }, config: read },
    async (request) => getWorkflow(request.ctx(), request.params.id));
  r.patch('/api/v1/workflows/:id', { schema: { tags, summary: 'Save the name, description or draft graph (409 on a stale version)', params: ZId, body: ZUpdateWorkflowRequest, response: { 200: ZWorkflow } }, config: write },
    async (request) => updateWorkflow(request.ctx(), request.params.id, request.body));
  r.delete('/api/v1/workflows/:id', { schema: { tags, summary: 'Move a workflow to the trash (it stops starting runs)', params: ZId, response: { 200: ZWorkflow } }, config: write },
    async (request) => setWorkflowTrashed(request.ctx(), request.params.id, true));
  r.post('/api/v1/workflows/:id/restore', { schema: { tags, summary: 'Restore a workflow from the trash, switched off', params: ZId, response: { 200: ZWorkflow } }, config: write },
    async (request) => setWorkflowTrashed(request.ctx(), request.params.id, false));
  r.post('/api/v1/workflows/:id/validate', { schema: { tags, summary: 'Check the draft: every problem that would block publishing', params: ZId, response: { 200: ZValidateWorkflowResponse } }, config: read },
    async (request) => validateWorkflow(request.ctx(), request.params.id));
  r.post('/api/v1/workflows/:id/publish', { schema: { tags, summary: 'Publish the draft as a new version (422 workflow.invalid_graph with details.issues)', params: ZId, body: ZPublishWorkflowRequest, response: { 200: ZWorkflow } }, config: write },
    async (request) => publishWorkflow(request.ctx(), request.params.id, request.body.version));
  r.put('/api/v1/workflows/:id/status', { schema: { tags, summary: 'Switch on or off; runs in flight continue or stop', params: ZId, body: ZSetWorkflowStatusRequest, response: { 200: ZWorkflow } }, config: write },
    async (request) => setWorkflowStatus(request.ctx(), request.params.id, request.body));
  r.get('/api/v1/workflows/:id/versions', { schema: { tags, summary: 'Published versions, newest first', params: ZId, response: { 200: ZWorkflowVersionsResponse } }, config: read },
    async (request) => listWorkflowVersions(request.ctx(), request.params.id));
  r.post('/api/v1/workflows/:id/versions/:version/restore', { schema: { tags, summary: 'Copy a published version into the draft (send the workflow\'s version; 409 when stale, 404 for an unknown version)', params: ZWorkflowVersionParams, body: ZRestoreWorkflowVersionRequest, response: { 200: ZWorkflow } }, config: write },
    async (request) => restoreWorkflowVersion(request.ctx(), request.params.id, request.params.version, request.body.version));
}
