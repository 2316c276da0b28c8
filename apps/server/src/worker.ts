import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import {
  JobQueue,
  OutboxDispatcher,
  isModuleEnabled,
  mailDeliverJob,
  mailQueuedSubscriber,
  memberNotificationsSubscriber,
  type Database,
  type Env,
  type JobDefinition,
  type JobLogger,
  type ModuleRegistry,
  type ModuleSubscriber,
} from '@voyage/kernel';

/** The platform's own subscribers; modules add theirs through the registry. */
export function platformSubscribers(jobs: JobQueue): ModuleSubscriber[] {
  return [memberNotificationsSubscriber, mailQueuedSubscriber(jobs)];
}

/** Jobs a module declares as `jobs: [defineJob(…)]` in its definition. */
function moduleJobs(registry: ModuleRegistry): Array<JobDefinition<object>> {
  return registry.ordered().flatMap((m) => (m.jobs ?? []) as Array<JobDefinition<object>>);
}

export interface JobSystemOptions {
  /** Run pg-boss maintenance in this process (worker processes). */
  maintenance?: boolean;
  logger?: JobLogger;
  /** Leave starting the queue to the caller (the server starts it after it listens). */
  deferStart?: boolean;
}

/** Creates and starts the job queue and the outbox dispatcher with every subscriber and job of this build. */
export async function createJobSystem(env: Env, database: Database, registry: ModuleRegistry, options: JobSystemOptions = {}): Promise<{ jobs: JobQueue; outbox: OutboxDispatcher }> {
  const jobs = new JobQueue({ env, database, logger: options.logger, maintenance: options.maintenance });
  const subscribers = [...platformSubscribers(jobs), ...registry.ordered().flatMap((m) => (m.subscribers ?? []).map((s) => ({ ...s, module: m.key })))];
  const names = new Set<string>();
  for (const s of subscribers) {
    if (names.has(s.name)) throw new Error(`Subscriber ${s.name} is registered twice`);
    names.add(s.name);
  }
  const outbox = new OutboxDispatcher({
    env,
    database,
    jobs,
    logger: options.logger,
    subscribers: () => subscribers,
    isActive: (workspaceId, subscriber) => (subscriber.module ? isModuleEnabled(database.db, workspaceId, subscriber.module, registry) : Promise.resolve(true)),
  });
  await jobs.register([...outbox.jobDefinitions(), mailDeliverJob, ...moduleJobs(registry)]);
  if (!options.deferStart) await jobs.start();
  return { jobs, outbox };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Ties the job queue to the HTTP server: a successful write nudges the outbox dispatcher
 * once its response is sent (after commit), and closing the server stops the queue.
 */
export const jobsPlugin = fp(async (app: FastifyInstance) => {
  // The server listens before the queue has started; API requests wait for it, so a handler
  // never enqueues into a queue that is not ready (on PGlite that would wait on its own transaction).
  app.addHook('onRequest', async (request) => {
    if (!app.services.jobs.started && request.url.startsWith('/api/v1/')) await app.services.jobs.start();
  });
  app.addHook('onResponse', async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || reply.statusCode >= 400 || !request.url.startsWith('/api/')) return;
    void app.services.jobs.nudgeOutbox();
  });
  app.addHook('onClose', async () => {
    await app.services.jobs.stop();
  });
}, { name: 'voyage-jobs' });
