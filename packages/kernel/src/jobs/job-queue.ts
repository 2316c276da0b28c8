import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Database } from '../db/client';
import type { Env } from '../env';
import type { JobDefinition, SendOptions } from './define-job';

/** The queue the outbox dispatcher runs on (see events/dispatch-outbox.ts). */
export const OUTBOX_DISPATCH_JOB = 'outbox.dispatch';

export interface JobLogger {
  error(details: object, message: string): void;
  info(details: object, message: string): void;
}

export interface JobQueueOptions {
  env: Env;
  database: Database;
  logger?: JobLogger;
  /** Seconds to let running jobs finish on stop (default 10). */
  stopTimeoutSeconds?: number;
  /** Run pg-boss maintenance (expiring stuck jobs, cron schedules) here: worker processes only. */
  maintenance?: boolean;
}

const quietLogger: JobLogger = { error: () => undefined, info: () => undefined };

/**
 * The job queue: pg-boss on the same database (PGlite or PostgreSQL), so jobs, timers and
 * retries need no other service. Every process that sends jobs starts it; only worker
 * processes (`voyage worker`, or `voyage serve` with the embedded worker) run handlers.
 */
export class JobQueue {
  private readonly definitions = new Map<string, JobDefinition<object>>();
  private readonly workerIds = new Map<string, string[]>();
  private readonly timers: NodeJS.Timeout[] = [];
  private boss: PgBoss | null = null;
  private pgBoss: typeof import('pg-boss') | null = null;
  private starting: Promise<void> | null = null;
  private working = false;
  private readonly nudging = new Map<string, { again: boolean; done: Promise<void> }>();
  private readonly logger: JobLogger;

  constructor(private readonly options: JobQueueOptions) {
    this.logger = options.logger ?? (options.env.LOG_LEVEL === 'silent' ? quietLogger : { error: (d, m) => console.error(m, d), info: () => undefined });
  }

  /** Adds job definitions. Queues of definitions added after start are created at once. */
  async register(definitions: Array<JobDefinition<object>>): Promise<void> {
    for (const definition of definitions) {
      if (this.definitions.has(definition.name)) throw new Error(`Job ${definition.name} is defined twice`);
      this.definitions.set(definition.name, definition);
    }
    if (this.boss) await this.createQueues(definitions);
    if (this.working) for (const definition of definitions) await this.startWorker(definition);
  }

  get started(): boolean {
    return this.boss !== null;
  }

  get names(): string[] {
    return [...this.definitions.keys()];
  }

  /** Installs or upgrades pg-boss's schema and creates the queues. Sends work after this; nothing runs yet. */
  start(): Promise<void> {
    this.starting ??= this.doStart();
    return this.starting;
  }

  private async doStart(): Promise<void> {
    // Loaded here, not at import: the server answers before the queue starts, so this stays off the start path.
    this.pgBoss ??= await import('pg-boss');
    const { PgBoss, fromPglite } = this.pgBoss;
    const { database, maintenance = false } = this.options;
    // On PostgreSQL pg-boss shares the application's pool instead of opening its own.
    const db = database.pglite ? fromPglite(database.pglite) : { executeSql: (text: string, values?: unknown[]) => database.pool!.query(text, values as unknown[]) };
    const boss = new PgBoss({ db, backend: database.kind === 'pglite' ? 'pglite' : 'postgres', supervise: maintenance, schedule: maintenance, migrate: true });
    boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
    await boss.start();
    this.boss = boss;
    await this.createQueues([...this.definitions.values()]);
  }

  /** Runs handlers in this process, with pg-boss maintenance and the periodic sweeps. */
  async startWorkers(): Promise<void> {
    await this.start();
    if (this.working) return;
    this.working = true;
    for (const definition of this.definitions.values()) await this.startWorker(definition);
  }

  /** Enqueues a job. With `tx`, the job is written in that transaction. */
  async send(name: string, data: object = {}, options: SendOptions = {}): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`Unknown job ${name}`);
    if (!this.boss) {
      if (options.tx) throw new Error('The job queue is not started');
      await this.start();
    }
    const startAfter = typeof options.startAfter === 'number' ? new Date(Date.now() + options.startAfter * 1000) : options.startAfter;
    // pg-boss validates any option key present, even undefined ones, so only set keys are passed.
    const jobOptions = Object.fromEntries(
      Object.entries({ startAfter, id: options.id, singletonKey: options.singletonKey, retryLimit: options.retryLimit, db: options.tx ? this.pgBoss!.fromDrizzle(options.tx as Parameters<typeof import('pg-boss').fromDrizzle>[0], sql) : undefined }).filter(([, v]) => v !== undefined),
    );
    return this.boss!.send(name, data, jobOptions);
  }

  /** Wakes this process's workers of a queue now instead of at their next poll. */
  wake(name: string): void {
    for (const id of this.workerIds.get(name) ?? []) this.boss?.notifyWorker(id);
  }

  /**
   * Sends an empty job to a queue (coalesced by a `stately` policy) and wakes local workers.
   * Nudges that arrive while one is being sent collapse into one more send after it, so a
   * burst of writes costs two sends, and the last commit is still followed by a fresh job.
   */
  nudge(name: string): Promise<void> {
    if (!this.boss || !this.definitions.has(name)) return Promise.resolve();
    const running = this.nudging.get(name);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await this.send(name, {});
          this.wake(name);
        } while (state.again && this.boss);
      } finally {
        this.nudging.delete(name);
      }
    })();
    this.nudging.set(name, state);
    return state.done;
  }

  /** Call right after committing events, so subscribers run without waiting for the sweep. */
  async nudgeOutbox(): Promise<void> {
    try {
      await this.nudge(OUTBOX_DISPATCH_JOB);
    } catch (error) {
      // The periodic sweep delivers the events anyway; a failed nudge only costs latency.
      this.logger.error({ err: error }, 'outbox nudge failed');
    }
  }

  async stop(): Promise<void> {
    if (this.starting) await this.starting.catch(() => undefined);
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    const boss = this.boss;
    this.boss = null;
    this.starting = null;
    this.working = false;
    this.workerIds.clear();
    if (boss) await boss.stop({ graceful: true, timeout: (this.options.stopTimeoutSeconds ?? 10) * 1000, close: true });
  }

  private async createQueues(definitions: Array<JobDefinition<object>>): Promise<void> {
    if (definitions.length === 0) return;
    const existing = new Set((await this.boss!.getQueues(definitions.map((d) => d.name))).map((q) => q.name));
    for (const d of definitions) {
      const backoff = d.retryBackoff ?? true;
      const settings = {
        retryLimit: d.retryLimit ?? 2,
        retryDelay: d.retryDelay ?? 5,
        retryBackoff: backoff,
        ...(backoff ? { retryDelayMax: d.retryDelayMax ?? 3600 } : {}),
        expireInSeconds: d.expireInSeconds ?? 900,
      };
      if (existing.has(d.name)) await this.boss!.updateQueue(d.name, settings);
      else await this.boss!.createQueue(d.name, { ...settings, policy: d.policy ?? 'standard' });
    }
  }

  private async startWorker(definition: JobDefinition<object>): Promise<void> {
    const { env, database } = this.options;
    const send = this.send.bind(this);
    const id = await this.boss!.work(
      definition.name,
      { pollingIntervalSeconds: definition.pollingIntervalSeconds ?? 2, localConcurrency: definition.localConcurrency ?? 1, batchSize: 1, includeMetadata: true as const },
      async (jobs) => {
        for (const job of jobs) {
          const ctx = { env, database, jobId: job.id, retryCount: job.retryCount, isLastAttempt: job.retryCount >= job.retryLimit, send };
          try {
            await definition.handler((job.data as object | null) ?? {}, ctx);
          } catch (error) {
            this.logger.error({ err: error, job: definition.name, jobId: job.id, retryCount: job.retryCount }, 'job failed');
            throw error;
          }
        }
      },
    );
    this.workerIds.set(definition.name, [...(this.workerIds.get(definition.name) ?? []), id]);
    const sweep = definition.sweep;
    if (sweep) {
      const timer = setInterval(() => {
        sweep
          .due({ env, database })
          .then((due) => (due ? this.nudge(definition.name) : undefined))
          .catch((error) => this.logger.error({ err: error, job: definition.name }, 'sweep failed'));
      }, sweep.everySeconds * 1000);
      timer.unref();
      this.timers.push(timer);
    }
  }
}
