import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * `/api/openapi.json`, and the interactive reference at `/api/docs`. The reference (Scalar)
 * inlines a 4 MB browser bundle that costs about 38 MB of memory once imported, so it loads on
 * the first visit, into an inner Fastify instance that never listens, and requests are answered
 * through `inject`. A server nobody reads the docs on never pays for it.
 */
export async function docsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  let reference: Promise<FastifyInstance> | null = null;
  const loadReference = () =>
    (reference ??= (async () => {
      const scalar = (await import('@scalar/fastify-api-reference')).default;
      const inner = Fastify({ logger: false });
      await inner.register(scalar, { routePrefix: '/api/docs', configuration: { url: '/api/openapi.json', title: 'Voyage CRM API' } });
      await inner.ready();
      return inner;
    })());

  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    const inner = await loadReference();
    const res = await inner.inject({ method: 'GET', url: request.url, headers: { accept: request.headers.accept ?? '*/*' } });
    for (const name of ['content-type', 'cache-control', 'location', 'etag']) {
      const value = res.headers[name];
      if (value !== undefined) reply.header(name, value);
    }
    return reply.status(res.statusCode).send(res.rawPayload);
  };
  app.get('/api/docs', { schema: { hide: true } }, serve);
  app.get('/api/docs/*', { schema: { hide: true } }, serve);
}
