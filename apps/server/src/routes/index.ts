import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health.routes';
import { docsRoutes } from './docs.routes';
import { authRoutes } from './auth.routes';
import { accountRoutes } from './account.routes';
import { apiKeysRoutes } from './api-keys.routes';
import { usersRoutes } from './users.routes';
import { departmentsRoutes } from './departments.routes';
import { rolesRoutes } from './roles.routes';
import { sharesRoutes } from './shares.routes';
import { auditRoutes } from './audit.routes';
import { modulesRoutes } from './modules.routes';
import { customFieldsRoutes } from './custom-fields.routes';
import { mailRoutes } from './mail.routes';
import { notificationsRoutes } from './notifications.routes';
import { searchRoutes } from './search.routes';

/** Every route group of the platform. Modules' routes are registered from the module registry. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(docsRoutes);
  await app.register(authRoutes);
  await app.register(accountRoutes);
  await app.register(apiKeysRoutes);
  await app.register(usersRoutes);
  await app.register(departmentsRoutes);
  await app.register(rolesRoutes);
  await app.register(sharesRoutes);
  await app.register(auditRoutes);
  await app.register(modulesRoutes);
  await app.register(customFieldsRoutes);
  await app.register(mailRoutes);
  await app.register(notificationsRoutes);
  await app.register(searchRoutes);
  for (const mod of app.services.registry.ordered()) {
    const routes = mod.routes;
    if (!routes) continue;
    // Every route of a module is gated by that module's switch (P1), whether or not it says so.
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        route.config = { ...(route.config ?? {}), module: (route.config as { module?: string } | undefined)?.module ?? mod.key };
      });
      await scope.register(routes);
    });
  }
}
