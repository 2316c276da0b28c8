import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZRunWorkflowRequest, ZRunWorkflowResponse, ZTestRunRequest, ZTestRunResponse, ZWorkflowRunDetail, ZWorkflowRunListResponse, WORKFLOW_RUN_STATUSES } from '@voyage/contracts';
import { MANAGE_WORKFLOWS } from '../engine/create-workflow';
import { WORKFLOW_ENGINE_JOB } from '../engine/engine-jobs';
import { getWorkflowRun, listWorkflowRuns } from '../engine/list-workflow-runs';
import { receiveWebhook } from '../engine/receive-webhook';
import { replayWorkflowRun } from '../engine/replay-workflow-run';
import { runWorkflowManually } from '../engine/run-workflow-manually';
import { testRunWorkflow } from '../engine/test-run-workflow';
import { ZId } from './workflows.routes';

/** Runs (A1, A4): dry runs, manual runs, history with steps, replay; and the inbound webhook trigger. */
export function workflowRunRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['workflows'];
  const read = { module: 'automation', capability: MANAGE_WORKFLOWS, scope: 'automation:read' };
  const write = { module: 'automation', capability: MANAGE_WORKFLOWS, scope: 'automation:write' };
  // New ready runs start at once instead of at the engine's next one-second sweep.
  const wake = <T>(result: T): T => {
    void app.services.jobs.nudge(WORKFLOW_ENGINE_JOB).catch(() => undefined);
    return result;
  };
  r.post('/api/v1/workflows/:id/test-run', { schema: { tags, summary: 'Dry run against a record: what each step would do, without doing it', params: ZId, body: ZTestRunRequest, response: { 200: ZTestRunResponse } }, config: read },
    async (request) => testRunWorkflow(request.ctx(), request.params.id, request.body));
  r.post('/api/v1/workflows/:id/run', { schema: { tags, summary: 'Run a manual-trigger workflow on selected records (records outside your data scope are skipped)', params: ZId, body: ZRunWorkflowRequest, response: { 200: ZRunWorkflowResponse } }, config: write },
    async (request) => wake(await runWorkflowManually(request.ctx(), request.params.id, request.body.recordIds)));
  r.get('/api/v1/workflows/:id/runs', {
    schema: { tags, summary: 'Runs of a workflow, newest first', params: ZId, querystring: z.object({ status: z.enum(WORKFLOW_RUN_STATUSES).optional(), recordId: z.uuid().optional(), cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: ZWorkflowRunListResponse } },
    config: read,
  }, async (request) => listWorkflowRuns(request.ctx(), request.params.id, request.query));
  r.get('/api/v1/workflow-runs/:id', { schema: { tags, summary: 'A run with its steps (input, output, timing, error) and the graph it ran on', params: ZId, response: { 200: ZWorkflowRunDetail } }, config: read },
    async (request) => getWorkflowRun(request.ctx(), request.params.id));
  r.post('/api/v1/workflow-runs/:id/replay', { schema: { tags, summary: 'Continue a failed run from the step that failed, with the current record', params: ZId, response: { 200: ZWorkflowRunDetail } }, config: write },
    async (request) => wake(await replayWorkflowRun(request.ctx(), request.params.id)));

  r.post('/api/v1/hooks/workflows/:id/:secret', {
    schema: { tags, summary: 'Inbound webhook trigger (no session): the secret URL starts a run; payload checked against the trigger\'s fields; deduped on webhook-id', params: z.object({ id: z.uuid(), secret: z.string().min(1).max(200) }), body: z.unknown(), response: { 202: z.object({ runId: z.uuid().nullable() }) } },
    config: { auth: 'public' },
  }, async (request, reply) => {
    const deliveryId = typeof request.headers['webhook-id'] === 'string' ? request.headers['webhook-id'] : undefined;
    const result = await receiveWebhook(app.services.database, app.services.env, { workflowId: request.params.id, secret: request.params.secret, body: request.body, deliveryId, locale: request.locale });
    return reply.status(202).send(wake(result));
  });
}
