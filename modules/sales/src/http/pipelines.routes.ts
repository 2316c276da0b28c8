import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZCreatePipelineRequest, ZCreateStageRequest, ZPipeline, ZPipelineListResponse, ZRecordParams, ZReorderStagesRequest, ZStageParams, ZUpdatePipelineRequest, ZUpdateStageRequest,
} from '@voyage/contracts';
import { createPipeline } from '../pipelines/create-pipeline';
import { createStage, deleteStage, reorderStages, updateStage } from '../pipelines/change-stages';
import { listPipelines } from '../pipelines/list-pipelines';
import { updatePipeline } from '../pipelines/update-pipeline';

/** Pipelines and their stages: read by anyone who may read deals, changed by settings admins. */
export function registerPipelineRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['pipelines'];
  const read = { module: 'sales', scope: 'deal:read' };
  const admin = { module: 'sales', capability: 'settings.modules' };

  r.get('/api/v1/pipelines', { schema: { tags, summary: 'Pipelines with their stages (the default one is created on first use)', response: { 200: ZPipelineListResponse } }, config: read },
    async (request) => ({ data: await listPipelines(request.ctx()) }));
  r.post('/api/v1/pipelines', { schema: { tags, summary: 'Add a pipeline', body: ZCreatePipelineRequest, response: { 201: ZPipeline } }, config: admin },
    async (request, reply) => reply.status(201).send(await createPipeline(request.ctx(), request.body)));
  r.patch('/api/v1/pipelines/:id', { schema: { tags, summary: 'Rename a pipeline, change its currency or make it the default', params: ZRecordParams, body: ZUpdatePipelineRequest, response: { 200: ZPipeline } }, config: admin },
    async (request) => updatePipeline(request.ctx(), request.params.id, request.body));
  r.post('/api/v1/pipelines/:id/stages', { schema: { tags, summary: 'Add a stage', params: ZRecordParams, body: ZCreateStageRequest, response: { 201: ZPipeline } }, config: admin },
    async (request, reply) => reply.status(201).send(await createStage(request.ctx(), request.params.id, request.body)));
  r.patch('/api/v1/pipelines/:id/stages/:stageId', { schema: { tags, summary: 'Change a stage (name, probability, required fields, rotting days)', params: ZStageParams, body: ZUpdateStageRequest, response: { 200: ZPipeline } }, config: admin },
    async (request) => updateStage(request.ctx(), request.params.id, request.params.stageId, request.body));
  r.delete('/api/v1/pipelines/:id/stages/:stageId', { schema: { tags, summary: 'Delete a stage no deal is in', params: ZStageParams, response: { 200: ZPipeline } }, config: admin },
    async (request) => deleteStage(request.ctx(), request.params.id, request.params.stageId));
  r.post('/api/v1/pipelines/:id/stages/reorder', { schema: { tags, summary: 'Put the stages in a new order (every stage once)', params: ZRecordParams, body: ZReorderStagesRequest, response: { 200: ZPipeline } }, config: admin },
    async (request) => reorderStages(request.ctx(), request.params.id, request.body.stageIds));
}
