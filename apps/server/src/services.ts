import type { Database, Env, ModuleRegistry } from '@voyage/kernel';

/** Long-lived services shared by every request, job and subscriber of one process. */
export interface Services {
  env: Env;
  database: Database;
  registry: ModuleRegistry;
  /** When the process started, for /api/health. */
  startedAt: Date;
}
