import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZDeal, ZForecastPipelineQuery, ZForecastPipelineResponse, ZForecastStatisticalQuery, ZForecastStatisticalResponse,
  ZForecastWinProbabilityQuery, ZRecordParams, ZSetForecastCategoryRequest, ZWinProbabilityResponse, type TDeal,
} from '@voyage/contracts';
import '../forecast/forecast-messages';
import { setForecastCategory } from '../forecast/set-forecast-category';
import { statisticalForecast } from '../forecast/statistical-forecast';
import { weightedPipeline } from '../forecast/weighted-pipeline';
import { winProbability } from '../forecast/win-probability';

/** Forecast (S8): weighted pipeline, statistical quarterly forecast, win probability, categories. */
export function forecastRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['forecast'];
  const read = { module: 'sales', scope: 'deal:read' };
  const write = { module: 'sales', scope: 'deal:write' };
  r.get('/api/v1/forecast/pipeline', { schema: { tags, summary: 'Weighted pipeline by close month or quarter, per owner, team, pipeline or product line, with forecast-category totals', querystring: ZForecastPipelineQuery, response: { 200: ZForecastPipelineResponse } }, config: read },
    async (request) => weightedPipeline(request.ctx(), request.query));
  r.get('/api/v1/forecast/statistical', { schema: { tags, summary: 'Quarterly forecast of won amounts (trend + seasonality) with an 80% band and its backtest error', querystring: ZForecastStatisticalQuery, response: { 200: ZForecastStatisticalResponse } }, config: read },
    async (request) => statisticalForecast(request.ctx(), request.query));
  r.get('/api/v1/forecast/win-probability', { schema: { tags, summary: 'Win-probability model (held-out AUC) and the open deals scored, paged', querystring: ZForecastWinProbabilityQuery, response: { 200: ZWinProbabilityResponse } }, config: read },
    async (request) => winProbability(request.ctx(), request.query));
  r.put('/api/v1/deals/:id/forecast-category', { schema: { tags, summary: 'Set a deal\'s forecast category (null: derived from the probability); send the version read', params: ZRecordParams, body: ZSetForecastCategoryRequest, response: { 200: ZDeal } }, config: write },
    async (request) => (await setForecastCategory(request.ctx(), request.params.id, request.body)) as TDeal);
}
