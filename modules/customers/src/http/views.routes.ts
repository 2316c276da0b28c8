import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZCreateListViewRequest, ZListView, ZListViewListQuery, ZListViewListResponse, ZRecordParams, ZUpdateListViewRequest } from '@voyage/contracts';
import { createListView } from '../views/create-list-view';
import { deleteListView } from '../views/delete-list-view';
import { listListViews } from '../views/list-list-views';
import { updateListView } from '../views/update-list-view';
import '../views/messages';

/** Saved views of the contacts and accounts lists: personal, or shared with the workspace. */
export function registerListViewRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['list-views'];
  const config = { module: 'customers' };

  r.get('/api/v1/list-views', {
    schema: { tags, summary: 'Your views of a list, then the views others share with the workspace', querystring: ZListViewListQuery, response: { 200: ZListViewListResponse } },
    config,
  }, async (request) => ({ data: await listListViews(request.ctx(), request.query.object) }));

  r.post('/api/v1/list-views', {
    schema: { tags, summary: 'Save filters, sort and columns as a view (sharing needs the object\'s update right)', body: ZCreateListViewRequest, response: { 201: ZListView } },
    config,
  }, async (request, reply) => reply.status(201).send(await createListView(request.ctx(), request.body)));

  r.patch('/api/v1/list-views/:id', {
    schema: { tags, summary: 'Rename, share, re-order or save into one of your views (send its version)', params: ZRecordParams, body: ZUpdateListViewRequest, response: { 200: ZListView } },
    config,
  }, async (request) => updateListView(request.ctx(), request.params.id, request.body));

  r.delete('/api/v1/list-views/:id', {
    schema: { tags, summary: 'Delete one of your views', params: ZRecordParams },
    config,
  }, async (request, reply) => {
    await deleteListView(request.ctx(), request.params.id);
    return reply.status(204).send();
  });
}
