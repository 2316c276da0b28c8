import path from 'node:path';
import pino from 'pino';
import { acquireDataDirLock, installSlowQueryLog, migrateDatabase, openDatabase, type Database, type Env, type JobLogger } from '@voyage/kernel';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { createRegistry } from './modules';
import type { Services } from './services';
import { createJobSystem } from './worker';
import { demoLoginExists, seedDemoIfEmpty } from './seed/demo';
import { DEMO_LOGIN } from './seed/demo-org';

export interface Runtime {
  services: Services;
  app?: FastifyInstance;
  /** Milliseconds from start to the first request it could answer. */
  readyMs: number;
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

// Any constant works; every Voyage process uses this one, so only one of them migrates at a time.
const MIGRATION_LOCK = 7_340_201;

/** Applies migrations; on PostgreSQL under an advisory lock, so replicas starting together take turns. */
export async function migrateWithLock(database: Database): Promise<void> {
  if (!database.pool) return migrateDatabase(database);
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrateDatabase(database);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

export interface ServiceOptions {
  /** This process runs job handlers (pg-boss maintenance included). */
  worker?: boolean;
  logger?: JobLogger;
  /** Start the job queue later (see startServer). */
  deferJobStart?: boolean;
}

export async function createServices(env: Env, database: Database, options: ServiceOptions = {}): Promise<Services> {
  const registry = createRegistry();
  const { jobs, outbox } = await createJobSystem(env, database, registry, { maintenance: options.worker, logger: options.logger, deferStart: options.deferJobStart });
  return { env, database, registry, startedAt: new Date(), jobs, outbox };
}

/** PGlite allows one process, so its worker always runs inside the server. */
export function runsEmbeddedWorker(env: Env): boolean {
  return !env.DATABASE_URL || env.VOYAGE_EMBEDDED_WORKER === 'true';
}

/** `voyage serve`: migrate, seed the demo on an empty database, listen, and run the embedded worker. */
export async function startServer(env: Env): Promise<Runtime> {
  const started = performance.now();
  const { database, release } = await openConfiguredDatabase(env);
  try {
    await migrateWithLock(database);
    const worker = runsEmbeddedWorker(env);
    const logger = pino({ level: env.LOG_LEVEL, name: 'jobs' });
    const services = await createServices(env, database, { worker, logger, deferJobStart: true });
    if (env.VOYAGE_DEMO === 'true') await seedDemoIfEmpty(services);
    const app = await buildApp(services);
    // SLOW_QUERY_MS > 0 logs slow queries with their plans, to explain a benchmark miss.
    installSlowQueryLog(database, { thresholdMs: env.SLOW_QUERY_MS, logger: app.log });
    await app.listen({ port: env.PORT, host: env.HOST });
    const readyMs = Math.round(performance.now() - started);
    // Installing or checking pg-boss's schema waits until the server answers: it is the slowest part of a start.
    if (worker) await services.jobs.startWorkers();
    else await services.jobs.start();
    const url = env.PUBLIC_URL ?? `http://localhost:${(app.server.address() as { port: number }).port}`;
    console.log(`\nVoyage CRM is running at ${url} (${database.kind === 'pglite' ? `embedded database in ${env.VOYAGE_DATA_DIR}` : 'PostgreSQL'}; ready in ${readyMs} ms${worker ? '; worker included' : ''})`);
    if (env.VOYAGE_DEMO === 'true' && (await demoLoginExists(services))) console.log(`Demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}\n`);
    return {
      services,
      app,
      readyMs,
      async stop() {
        await app.close();
        await database.close();
        release();
      },
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    release();
    throw error;
  }
}

/** `voyage worker`: job handlers only, for PostgreSQL deployments that scale workers apart from the API. */
export async function startWorker(env: Env): Promise<Runtime> {
  if (!env.DATABASE_URL) {
    throw new Error('`voyage worker` needs PostgreSQL: set DATABASE_URL. With the embedded database (one process only) the worker runs inside `voyage serve`.');
  }
  const started = performance.now();
  const { database, release } = await openConfiguredDatabase(env);
  await migrateWithLock(database);
  const services = await createServices(env, database, { worker: true, logger: pino({ level: env.LOG_LEVEL, name: 'jobs' }) });
  await services.jobs.startWorkers();
  const readyMs = Math.round(performance.now() - started);
  console.log(`Voyage worker running (${services.jobs.names.length} queues; ready in ${readyMs} ms)`);
  return {
    services,
    readyMs,
    async stop() {
      await services.jobs.stop();
      await database.close();
      release();
    },
  };
}
