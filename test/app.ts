import type { FastifyInstance } from 'fastify';
import { loadEnv, type Database, type Env } from '@voyage/kernel';
import { buildApp } from '../apps/server/src/app';
import { createServices } from '../apps/server/src/runtime';
import type { Services } from '../apps/server/src/services';
import { createTestDatabase } from './database';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  database: Database;
  env: Env;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database, driven through `app.inject()`. With `database`, a new app
 * on an existing one (a restart): closing it leaves that database open.
 */
export async function createTestApp(overrides: Partial<Record<keyof Env, string>> = {}, options: { database?: Database } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const env = loadEnv({}, { NODE_ENV: 'test', LOG_LEVEL: 'silent', VOYAGE_DEMO: 'false', RATE_LIMIT_PER_MINUTE: '100000', ...overrides });
  const services = await createServices(env, database);
  const app = await buildApp(services, { logger: false });
  await app.ready();
  return {
    app,
    services,
    database,
    env,
    async close() {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}
