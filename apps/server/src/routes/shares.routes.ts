import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZCreateShareRequest, ZListSharesQuery, ZListSharesResponse, ZShare, ZShareParams } from '@voyage/contracts';
import { listRecordShares, shareRecord, translate, unshareRecord, validationError, type Locale, type ModuleRegistry, type ScopedTable } from '@voyage/kernel';

const tags = ['sharing'];

/** The record table of an object, from the objects modules register with a `table`. */
function tableFor(registry: ModuleRegistry, object: string): ScopedTable | undefined {
  for (const module of registry.all()) {
    const found = module.objects?.find((o) => o.key === object);
    if (found?.table) return found.table;
  }
  return undefined;
}

function shareableTable(registry: ModuleRegistry, object: string, field: string, locale: Locale): ScopedTable {
  const table = tableFor(registry, object);
  if (table) return table;
  const options = registry.all().flatMap((m) => m.objects ?? []).filter((o) => o.table).map((o) => o.key).join(', ') || '-';
  throw validationError([{ field, code: 'invalid_option', message: translate(locale, 'field.invalid_option', { field, options }) }]);
}

/** Per-record sharing with a member or a department (P4). Permission checks are per record. */
export async function sharesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const registry = () => app.services.registry;

  r.get('/api/v1/shares', {
    schema: { tags, summary: 'Who a record is shared with', querystring: ZListSharesQuery, response: { 200: ZListSharesResponse } },
  }, async (request) => {
    const { object, recordId } = request.query;
    const table = shareableTable(registry(), object, 'query.object', request.locale);
    return { data: await listRecordShares(request.ctx(), { object, table, recordId }) };
  });

  r.post('/api/v1/shares', {
    schema: { tags, summary: 'Share a record (sharing again with the same target changes its access)', body: ZCreateShareRequest, response: { 201: ZShare } },
  }, async (request, reply) => {
    const table = shareableTable(registry(), request.body.object, 'object', request.locale);
    return reply.status(201).send(await shareRecord(request.ctx(), { ...request.body, table }));
  });

  r.delete('/api/v1/shares/:id', {
    schema: { tags, summary: 'Withdraw a share', params: ZShareParams },
  }, async (request, reply) => {
    await unshareRecord(request.ctx(), { shareId: request.params.id, tableFor: (object) => tableFor(registry(), object) });
    return reply.status(204).send();
  });
}
