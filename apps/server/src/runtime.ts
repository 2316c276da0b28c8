import path from 'node:path';
import { acquireDataDirLock, migrateDatabase, openDatabase, type Database, type Env } from '@voyage/kernel';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { createRegistry } from './modules';
import type { Services } from './services';

export interface Runtime {
  services: Services;
  app?: FastifyInstance;
  stop(): Promise<void>;
}

/** Opens the database named by the environment (PGlite in VOYAGE_DATA_DIR unless DATABASE_URL is set). */
export async function openConfiguredDatabase(env: Env): Promise<{ database: Database; release: () => void }> {
  if (env.DATABASE_URL) return { database: await openDatabase({ url: env.DATABASE_URL }), release: () => undefined };
  const release = acquireDataDirLock(env.VOYAGE_DATA_DIR);
  try {
    const database = await openDatabase({ dataDir: path.join(env.VOYAGE_DATA_DIR, 'pglite') });
    return { database, release };
  } catch (error) {
    release();
    throw error;
  }
}

export async function createServices(env: Env, database: Database): Promise<Services> {
  return { env, database, registry: createRegistry(), startedAt: new Date() };
}

/** `voyage serve`: migrate, build the app, listen. */
export async function startServer(env: Env): Promise<Runtime> {
  const { database, release } = await openConfiguredDatabase(env);
  await migrateDatabase(database);
  const services = await createServices(env, database);
  const app = await buildApp(services);
  await app.listen({ port: env.PORT, host: env.HOST });
  return {
    services,
    app,
    async stop() {
      await app.close();
      await database.close();
      release();
    },
  };
}
