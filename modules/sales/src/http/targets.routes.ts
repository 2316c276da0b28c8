import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZSaveTargetsRequest, ZSaveTargetsResponse, ZTargetGridQuery, ZTargetGridResponse, ZTargetProgressQuery, ZTargetProgressResponse } from '@voyage/contracts';
import '../targets/target-messages';
import { getTargetGrid } from '../targets/get-target-grid';
import { getTargetProgress } from '../targets/get-target-progress';
import { saveTargets } from '../targets/save-targets';

/** Sales targets (S9): the grid of one year, its bulk save and the progress against actual figures. */
export function targetRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['targets'];
  const read = { module: 'sales', scope: 'target:read' };
  const write = { module: 'sales', scope: 'target:write' };
  r.get('/api/v1/targets', { schema: { tags, summary: 'Targets grid of one year and metric: company, departments and reps the reader may see', querystring: ZTargetGridQuery, response: { 200: ZTargetGridResponse } }, config: read },
    async (request) => getTargetGrid(request.ctx(), request.query));
  r.put('/api/v1/targets', { schema: { tags, summary: 'Save grid cells, all or nothing (null amount clears a cell; version of each cell read)', body: ZSaveTargetsRequest, response: { 200: ZSaveTargetsResponse } }, config: write },
    async (request) => saveTargets(request.ctx(), request.body));
  r.get('/api/v1/targets/progress', { schema: { tags, summary: 'Target, actual, percent and pace per period of a year', querystring: ZTargetProgressQuery, response: { 200: ZTargetProgressResponse } }, config: read },
    async (request) => getTargetProgress(request.ctx(), request.query));
}
