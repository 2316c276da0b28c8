import type { FastifyInstance } from 'fastify';

export async function docsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  const scalar = (await import('@scalar/fastify-api-reference')).default;
  await app.register(scalar, { routePrefix: '/api/docs', configuration: { url: '/api/openapi.json', title: 'Voyage CRM API' } });
}
