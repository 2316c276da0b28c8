import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZListAuditQuery, ZListAuditResponse } from '@voyage/contracts';
import { listAudit } from '@voyage/kernel';

/** The audit log viewer (P5): read only, newest first. */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/audit', {
    schema: { tags: ['audit'], summary: 'Audit entries, newest first, filtered by actor, object, action, record and time', querystring: ZListAuditQuery, response: { 200: ZListAuditResponse } },
    config: { capability: 'audit.read', scope: 'audit:read' },
  }, async (request) => {
    const { lang: _lang, ...options } = request.query;
    return listAudit(request.ctx(), options);
  });
}
