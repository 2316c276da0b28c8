import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AppError, isModuleEnabled } from '@voyage/kernel';

/**
 * Routes that declare `config.module` answer 403 module_disabled while that module is off in
 * the actor's workspace (P1). Runs after the auth plugin's guard, which has loaded the actor.
 * Public routes carry no actor and are not gated here.
 */
async function plugin(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', async (request) => {
    const key = request.routeOptions.config?.module;
    if (!key || !request.actor) return;
    const { database, registry } = app.services;
    if (!(await isModuleEnabled(database.db, request.actor.workspaceId, key, registry))) {
      const label = registry.get(key)?.labels[request.locale] ?? key;
      throw new AppError('module_disabled', { params: { module: label }, details: { module: key } });
    }
  });
}

export const moduleGate = fp(plugin, { name: 'voyage-module-gate', dependencies: ['voyage-auth'] });
