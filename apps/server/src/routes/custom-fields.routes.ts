import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZCreateCustomFieldRequest, ZCustomFieldListQuery, ZCustomFieldListResponse, ZCustomFieldParams, ZCustomFieldResponse, ZUpdateCustomFieldRequest, type TCustomFieldResponse } from '@voyage/contracts';
import { createCustomField, deleteCustomField, listCustomFields, updateCustomField, type CustomFieldDef } from '@voyage/kernel';

const tags = ['custom fields'];
const write = { capability: 'settings.custom_fields', scope: 'settings:write' } as const;

function toResponse(def: CustomFieldDef): TCustomFieldResponse {
  return {
    id: def.id,
    object: def.object,
    key: def.key,
    label: def.label,
    labels: def.labels,
    type: def.type,
    required: def.required,
    options: def.options,
    config: def.config as Record<string, unknown>,
    helpText: def.helpText,
    position: def.position,
    version: def.version,
    createdAt: def.createdAt.toISOString(),
    updatedAt: def.updatedAt.toISOString(),
  };
}

/** Custom field definitions (P6). Any member reads them; changing them needs `settings.custom_fields`. */
export async function customFieldsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const objectKeys = () => app.services.registry.all().flatMap((m) => (m.objects ?? []).map((o) => o.key));

  r.get('/api/v1/custom-fields', {
    schema: { tags, summary: 'List custom fields, optionally of one object', querystring: ZCustomFieldListQuery, response: { 200: ZCustomFieldListResponse } },
    config: { scope: 'settings:read' },
  }, async (request) => ({ data: (await listCustomFields(request.ctx(), request.query.object)).map(toResponse) }));

  r.post('/api/v1/custom-fields', {
    schema: { tags, summary: 'Define a custom field', body: ZCreateCustomFieldRequest, response: { 201: ZCustomFieldResponse } },
    config: write,
  }, async (request, reply) => reply.status(201).send(toResponse(await createCustomField(request.ctx(), request.body, objectKeys()))));

  r.patch('/api/v1/custom-fields/:id', {
    schema: { tags, summary: 'Change a custom field (label, rules, options, settings)', params: ZCustomFieldParams, body: ZUpdateCustomFieldRequest, response: { 200: ZCustomFieldResponse } },
    config: write,
  }, async (request) => toResponse(await updateCustomField(request.ctx(), request.params.id, request.body, objectKeys())));

  r.delete('/api/v1/custom-fields/:id', {
    schema: { tags, summary: 'Retire a custom field; stored values are kept', params: ZCustomFieldParams },
    config: write,
  }, async (request, reply) => {
    await deleteCustomField(request.ctx(), request.params.id);
    return reply.status(204).send();
  });
}
