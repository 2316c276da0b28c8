import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZApiKeyParams, ZCreateApiKeyRequest, ZCreateApiKeyResponse, ZListApiKeysResponse, ZOkResponse, type TApiKey } from '@voyage/contracts';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeySummary } from '@voyage/kernel';

const tags = ['api-keys'];
// Keys cannot mint or revoke keys: a leaked key must not be able to entrench itself.
const config = { capability: 'settings.api_keys', apiKeys: false } as const;

function toWire(k: ApiKeySummary): TApiKey {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    userId: k.userId,
    createdAt: k.createdAt.toISOString(),
    expiresAt: k.expiresAt?.toISOString() ?? null,
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}

/** API keys of the workspace (Settings → API keys). */
export async function apiKeysRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/api-keys', {
    schema: { tags, summary: 'List API keys (never the keys themselves)', response: { 200: ZListApiKeysResponse } },
    config,
  }, async (request) => ({ data: (await listApiKeys(request.ctx())).map(toWire) }));

  r.post('/api/v1/api-keys', {
    schema: { tags, summary: 'Create an API key; the full key is returned only this once', body: ZCreateApiKeyRequest, response: { 201: ZCreateApiKeyResponse } },
    config,
  }, async (request, reply) => {
    const { expiresAt, ...rest } = request.body;
    const created = await createApiKey(request.ctx(), { ...rest, expiresAt: expiresAt ? new Date(expiresAt) : undefined });
    return reply.status(201).send({ ...toWire(created.apiKey), key: created.key });
  });

  r.delete('/api/v1/api-keys/:id', {
    schema: { tags, summary: 'Revoke an API key', params: ZApiKeyParams, response: { 200: ZOkResponse } },
    config,
  }, async (request) => {
    await revokeApiKey(request.ctx(), request.params.id);
    return { ok: true as const };
  });
}
