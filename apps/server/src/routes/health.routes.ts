import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

const ZHealthResponse = z.object({ status: z.literal('ok'), uptimeSeconds: z.number() });
const ZReadyResponse = z.object({ status: z.enum(['ready', 'unavailable']), database: z.enum(['pglite', 'postgres']) });

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Liveness: no I/O, so it stays cheap under load. Load-balancer probes carry no content to
  // protect, so the probes skip helmet's security headers (about a third of the cost per request).
  r.get('/api/health', { schema: { tags: ['system'], summary: 'Liveness', response: { 200: ZHealthResponse } }, config: { rateLimit: false }, helmet: false }, async () => ({
    status: 'ok' as const,
    uptimeSeconds: Math.round((Date.now() - app.services.startedAt.getTime()) / 1000),
  }));
  // Readiness: the database answers.
  r.get('/api/ready', { schema: { tags: ['system'], summary: 'Readiness', response: { 200: ZReadyResponse, 503: ZReadyResponse } }, config: { rateLimit: false }, helmet: false }, async (_req, reply) => {
    const { database } = app.services;
    try {
      await database.query('select 1');
      return { status: 'ready' as const, database: database.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable' as const, database: database.kind });
    }
  });
}
