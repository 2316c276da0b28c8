import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZListModulesResponse, ZModuleParams, ZModuleState, ZSetModuleRequest } from '@voyage/contracts';
import { listModules, setModuleEnabled } from '@voyage/kernel';

const tags = ['modules'];

/** Module switches per workspace (P1). Every member reads them to build the navigation. */
export async function modulesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/modules', {
    schema: { tags, summary: 'Modules of this build, with whether each is on in this workspace', response: { 200: ZListModulesResponse } },
    config: { scope: 'settings:read' },
  }, async (request) => ({ data: await listModules(request.ctx(), app.services.registry) }));

  r.patch('/api/v1/modules/:key', {
    schema: { tags, summary: 'Switch a module on or off (its data is kept)', params: ZModuleParams, body: ZSetModuleRequest, response: { 200: ZModuleState } },
    config: { capability: 'settings.modules', scope: 'settings:write' },
  }, async (request) => setModuleEnabled(request.ctx(), app.services.registry, request.params.key, request.body.enabled));
}
