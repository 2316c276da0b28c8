import type { Database, Env, JobQueue, ModuleRegistry, OutboxDispatcher } from '@voyage/kernel';

/** Long-lived services shared by every request, job and subscriber of one process. */
export interface Services {
  env: Env;
  database: Database;
  registry: ModuleRegistry;
  /** When the process started, for /api/health. */
  startedAt: Date;
  /** The job queue (pg-boss): send jobs and durable timers; runs handlers in worker processes. */
  jobs: JobQueue;
  /** Delivers outbox events to subscribers; `dispatch()` runs it now (tests). */
  outbox: OutboxDispatcher;
}
