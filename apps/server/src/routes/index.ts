import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health.routes';
import { docsRoutes } from './docs.routes';

/** Every route group of the platform. Modules' routes are registered from the module registry. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(docsRoutes);
}
