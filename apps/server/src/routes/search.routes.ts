import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZSearchQuery, ZSearchResponse } from '@voyage/contracts';
import { isModuleEnabled, runGlobalSearch, type SearchProvider } from '@voyage/kernel';

/** GET /api/v1/search: one box over the search providers of every module switched on (P9). */
export async function searchRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/search', {
    schema: { tags: ['search'], summary: 'Search every record type the modules provide: part of a name or company, an email prefix, phone digits', querystring: ZSearchQuery, response: { 200: ZSearchResponse } },
    // Each provider checks its own object right and API-key scope (contact:read, account:read, …).
  }, async (request) => {
    const ctx = request.ctx();
    const { registry, database } = app.services;
    const providers: SearchProvider[] = [];
    for (const mod of registry.ordered()) {
      if (mod.searchProviders?.length && (await isModuleEnabled(database.db, ctx.workspaceId, mod.key, registry))) providers.push(...mod.searchProviders);
    }
    return runGlobalSearch(ctx, providers, request.query);
  });
}
