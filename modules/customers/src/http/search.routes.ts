import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZSearchQuery, ZSearchResponse } from '@voyage/contracts';
import { runSearch } from '../search/run-search';

/** GET /api/v1/search: one box over contacts and accounts. */
export function registerSearchRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/search', {
    schema: { tags: ['search'], summary: 'Search contacts and accounts by part of a name or company, an email prefix or phone digits', querystring: ZSearchQuery, response: { 200: ZSearchResponse } },
    // Each type checks its own object right and API-key scope (contact:read, account:read).
    config: { module: 'customers' },
  }, async (request) => runSearch(request.ctx(), request.query));
}
