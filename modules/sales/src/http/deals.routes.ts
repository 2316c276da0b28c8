import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZCreateDealRequest, ZDeal, ZDealBoardQuery, ZDealBoardResponse, ZDealContactListResponse, ZDealContactParams, ZDealListResponse, ZDealStageHistoryResponse,
  ZExportRequest, ZListQuery, ZMoveDealRequest, type TDeal, ZPutDealContactRequest, ZRecordParams, ZUpdateDealRequest,
} from '@voyage/contracts';
import { createDeal } from '../deals/create-deal';
import { exportDeals } from '../deals/export-deals';
import { dealBoard } from '../deals/deal-board';
import { listDealContacts, putDealContact, removeDealContact } from '../deals/deal-contacts';
import { listDealStageHistory } from '../deals/deal-stage-history';
import { getDeal } from '../deals/get-deal';
import { listDeals } from '../deals/list-deals';
import { moveDeal } from '../deals/move-deal';
import { setDealTrashed } from '../deals/trash-deal';
import { updateDeal } from '../deals/update-deal';
import { applyFieldSecurity } from '@voyage/kernel';
import { registerDealExtraRoutes } from './deal-extras.routes';

/** Deals: list, board, CRUD, trash, stage moves with history, stakeholders. */
export function registerDealRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['deals'];
  const read = { module: 'sales', scope: 'deal:read' };
  const write = { module: 'sales', scope: 'deal:write' };

  r.get('/api/v1/deals', { schema: { tags, summary: 'List deals (filter, sort, cursor, fields; trash=true for deleted)', querystring: ZListQuery, response: { 200: ZDealListResponse } }, config: read },
    async (request) => (await listDeals(request.ctx(), request.query as Record<string, unknown>)) as { data: TDeal[]; nextCursor: string | null });
  // Before /deals/:id, so /deals/bulk is not taken for an id.
  registerDealExtraRoutes(app);
  r.post('/api/v1/deals/export', { schema: { tags, summary: 'Export deals of a list view as CSV or XLSX (streamed; data scope and field rules apply; audited)', body: ZExportRequest }, config: read },
    async (request, reply) => {
      const file = await exportDeals(request.ctx(), request.body);
      const name = encodeURIComponent(file.fileName);
      return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${name}`).send(file.stream as never);
    });
  r.get('/api/v1/deals/board', { schema: { tags, summary: 'Kanban of one pipeline: per stage count, amount totals and the latest cards', querystring: ZDealBoardQuery, response: { 200: ZDealBoardResponse } }, config: read },
    async (request) => dealBoard(request.ctx(), request.query));
  r.get('/api/v1/deals/:id', { schema: { tags, summary: 'One deal', params: ZRecordParams, response: { 200: ZDeal } }, config: read },
    async (request) => (await getDeal(request.ctx(), request.params.id)) as TDeal);
  r.post('/api/v1/deals', { schema: { tags, summary: 'Create a deal', body: ZCreateDealRequest, response: { 201: ZDeal } }, config: write },
    async (request, reply) => {
      const ctx = request.ctx();
      return reply.status(201).send(applyFieldSecurity(ctx.actor, 'deal', [await createDeal(ctx, request.body)])[0] as TDeal);
    });
  r.patch('/api/v1/deals/:id', { schema: { tags, summary: 'Change a deal (send its current version; the stage changes by a move)', params: ZRecordParams, body: ZUpdateDealRequest, response: { 200: ZDeal } }, config: write },
    async (request) => (await updateDeal(request.ctx(), request.params.id, request.body)) as TDeal);
  r.post('/api/v1/deals/:id/move', { schema: { tags, summary: 'Move a deal to a stage; 422 naming the empty required fields, or a missing won/lost reason', params: ZRecordParams, body: ZMoveDealRequest, response: { 200: ZDeal } }, config: write },
    async (request) => (await moveDeal(request.ctx(), request.params.id, request.body)) as TDeal);
  r.delete('/api/v1/deals/:id', { schema: { tags, summary: 'Move a deal to the trash', params: ZRecordParams }, config: write },
    async (request, reply) => { await setDealTrashed(request.ctx(), request.params.id, true); return reply.status(204).send(); });
  r.post('/api/v1/deals/:id/restore', { schema: { tags, summary: 'Restore a deal from the trash', params: ZRecordParams }, config: write },
    async (request, reply) => { await setDealTrashed(request.ctx(), request.params.id, false); return reply.status(204).send(); });
  r.get('/api/v1/deals/:id/stage-history', { schema: { tags, summary: 'Stage changes with the seconds spent in the stage left', params: ZRecordParams, response: { 200: ZDealStageHistoryResponse } }, config: read },
    async (request) => ({ data: await listDealStageHistory(request.ctx(), request.params.id) }));
  r.get('/api/v1/deals/:id/contacts', { schema: { tags, summary: 'Stakeholders (contacts with roles)', params: ZRecordParams, response: { 200: ZDealContactListResponse } }, config: read },
    async (request) => ({ data: await listDealContacts(request.ctx(), request.params.id) }));
  r.put('/api/v1/deals/:id/contacts/:contactId', { schema: { tags, summary: 'Add a stakeholder or change its role', params: ZDealContactParams, body: ZPutDealContactRequest, response: { 200: ZDealContactListResponse } }, config: write },
    async (request) => ({ data: await putDealContact(request.ctx(), request.params.id, request.params.contactId, request.body) }));
  r.delete('/api/v1/deals/:id/contacts/:contactId', { schema: { tags, summary: 'Remove a stakeholder', params: ZDealContactParams }, config: write },
    async (request, reply) => { await removeDealContact(request.ctx(), request.params.id, request.params.contactId); return reply.status(204).send(); });
}
