import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZCompetitor, ZCompetitorListResponse, ZCompetitorQuery, ZCreateCompetitorRequest, ZCreateDealReasonRequest, ZDealBulkRequest, ZDealBulkResponse,
  ZDealCompetitorListResponse, ZDealCompetitorParams, ZDealReason, ZDealReasonListResponse, ZDealReasonQuery, ZPutDealCompetitorRequest,
  ZPutStallSettingsRequest, ZRecordParams, ZStallSettings, ZUpdateCompetitorRequest, ZUpdateDealReasonRequest,
} from '@voyage/contracts';
import { bulkDeals } from '../deals/bulk-deals';
import { createCompetitor, listCompetitors, setCompetitorTrashed, updateCompetitor } from '../deals/competitors/competitors';
import { listDealCompetitors, putDealCompetitor, removeDealCompetitor } from '../deals/competitors/deal-competitors';
import { createDealReason, deleteDealReason, listDealReasons, updateDealReason } from '../deals/reasons/deal-reasons';
import { getStallSettings, putStallSettings } from '../deals/stall/stall-settings';

/** Won/lost reasons, competitors (M8 basic) and a deal's competitors, stalled-deal settings, bulk actions. */
export function registerDealExtraRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['deals'];
  const read = { module: 'sales', scope: 'deal:read' };
  const write = { module: 'sales', scope: 'deal:write' };
  const admin = { module: 'sales', capability: 'settings.modules' };

  r.get('/api/v1/deal-reasons', { schema: { tags, summary: 'Won/lost reasons in their order (active only unless includeInactive=true)', querystring: ZDealReasonQuery, response: { 200: ZDealReasonListResponse } }, config: read },
    async (request) => ({ data: await listDealReasons(request.ctx(), request.query) }));
  r.post('/api/v1/deal-reasons', { schema: { tags, summary: 'Add a won or lost reason (labels in three languages, or one custom label)', body: ZCreateDealReasonRequest, response: { 201: ZDealReason } }, config: admin },
    async (request, reply) => reply.status(201).send(await createDealReason(request.ctx(), request.body)));
  r.patch('/api/v1/deal-reasons/:id', { schema: { tags, summary: 'Rename, reorder or switch a reason on or off', params: ZRecordParams, body: ZUpdateDealReasonRequest, response: { 200: ZDealReason } }, config: admin },
    async (request) => updateDealReason(request.ctx(), request.params.id, request.body));
  r.delete('/api/v1/deal-reasons/:id', { schema: { tags, summary: 'Delete a reason no deal was closed with (409 otherwise)', params: ZRecordParams }, config: admin },
    async (request, reply) => { await deleteDealReason(request.ctx(), request.params.id); return reply.status(204).send(); });

  r.get('/api/v1/competitors', { schema: { tags, summary: 'Competitors by name (search, trash=true for deleted)', querystring: ZCompetitorQuery, response: { 200: ZCompetitorListResponse } }, config: read },
    async (request) => ({ data: await listCompetitors(request.ctx(), request.query) }));
  r.post('/api/v1/competitors', { schema: { tags, summary: 'Add a competitor', body: ZCreateCompetitorRequest, response: { 201: ZCompetitor } }, config: admin },
    async (request, reply) => reply.status(201).send(await createCompetitor(request.ctx(), request.body)));
  r.patch('/api/v1/competitors/:id', { schema: { tags, summary: 'Change a competitor (send its version)', params: ZRecordParams, body: ZUpdateCompetitorRequest, response: { 200: ZCompetitor } }, config: admin },
    async (request) => updateCompetitor(request.ctx(), request.params.id, request.body));
  r.delete('/api/v1/competitors/:id', { schema: { tags, summary: 'Move a competitor to the trash (409 while an open deal lists it)', params: ZRecordParams }, config: admin },
    async (request, reply) => { await setCompetitorTrashed(request.ctx(), request.params.id, true); return reply.status(204).send(); });
  r.post('/api/v1/competitors/:id/restore', { schema: { tags, summary: 'Restore a competitor from the trash', params: ZRecordParams }, config: admin },
    async (request, reply) => { await setCompetitorTrashed(request.ctx(), request.params.id, false); return reply.status(204).send(); });

  r.get('/api/v1/deals/:id/competitors', { schema: { tags, summary: 'Competitors on a deal with their status', params: ZRecordParams, response: { 200: ZDealCompetitorListResponse } }, config: read },
    async (request) => ({ data: await listDealCompetitors(request.ctx(), request.params.id) }));
  r.put('/api/v1/deals/:id/competitors/:competitorId', { schema: { tags, summary: 'Put a competitor on a deal, or change its status or note', params: ZDealCompetitorParams, body: ZPutDealCompetitorRequest, response: { 200: ZDealCompetitorListResponse } }, config: write },
    async (request) => ({ data: await putDealCompetitor(request.ctx(), request.params.id, request.params.competitorId, request.body) }));
  r.delete('/api/v1/deals/:id/competitors/:competitorId', { schema: { tags, summary: 'Take a competitor off a deal', params: ZDealCompetitorParams }, config: write },
    async (request, reply) => { await removeDealCompetitor(request.ctx(), request.params.id, request.params.competitorId); return reply.status(204).send(); });

  r.post('/api/v1/deals/bulk', { schema: { tags, summary: 'Assign or delete many deals; one result per record', body: ZDealBulkRequest, response: { 200: ZDealBulkResponse } }, config: write },
    async (request) => bulkDeals(request.ctx(), request.body));

  r.get('/api/v1/pipelines/:id/stall-settings', { schema: { tags: ['pipelines'], summary: 'What "stalled" means in a pipeline: alert on/off and days without activity (version 0: the defaults); the alert runs as the workflow "Stalled deal"', params: ZRecordParams, response: { 200: ZStallSettings } }, config: read },
    async (request) => getStallSettings(request.ctx(), request.params.id));
  r.put('/api/v1/pipelines/:id/stall-settings', { schema: { tags: ['pipelines'], summary: 'Change a pipeline\'s stall settings; its open deals\' "stalled since" follows at once', params: ZRecordParams, body: ZPutStallSettingsRequest, response: { 200: ZStallSettings } }, config: admin },
    async (request) => putStallSettings(request.ctx(), request.params.id, request.body));
}

