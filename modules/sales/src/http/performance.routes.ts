import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZSalesPerformanceQuery, ZSalesPerformanceResponse } from '@voyage/contracts';
import '../targets/target-messages';
import { getSalesPerformance } from '../performance/get-sales-performance';

/** Sales performance report (S10): leaderboard, rates and the stage funnel, in the reader's scope. */
export function performanceRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/sales-performance', {
    schema: { tags: ['sales-performance'], summary: 'Per-rep won/lost, win rate, cycle, activities, open pipeline and the stage conversion of a pipeline', querystring: ZSalesPerformanceQuery, response: { 200: ZSalesPerformanceResponse } },
    config: { module: 'sales', scope: 'deal:read' },
  }, async (request) => getSalesPerformance(request.ctx(), request.query));
}
