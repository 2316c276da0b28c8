import type { Database, Queryable } from '../db/client';
import type { Env } from '../env';
import { workspaces } from '../db/schema/tenancy';

/** What a job handler receives besides its data. */
export interface JobContext {
  env: Env;
  database: Database;
  jobId: string;
  /** 0 on the first attempt, then 1, 2, … */
  retryCount: number;
  /** True when a failure now fails the job for good (no retry left). */
  isLastAttempt: boolean;
  /** Sends further jobs (the queue that runs this handler). */
  send: JobSender;
}

export interface SendOptions {
  /** Run no earlier than this: a durable timer that survives restarts. A number is seconds from now. */
  startAfter?: Date | number;
  /** Enqueue inside this transaction, so the job exists only if the transaction commits. */
  tx?: Queryable;
  /** A UUID job id: sending the same id twice creates one job. */
  id?: string;
  singletonKey?: string;
  /** Override the queue's retry settings for this job. */
  retryLimit?: number;
}

export type JobSender = (name: string, data?: object, options?: SendOptions) => Promise<string | null>;

/**
 * A queued or scheduled piece of work. Delivery is at least once: a handler must be
 * idempotent. A handler that throws is retried with the queue's retry settings.
 */
export interface JobDefinition<T extends object = Record<string, unknown>> {
  /** Queue name: `<module>.<what>`, e.g. `mail.deliver`. */
  name: string;
  handler(data: T, ctx: JobContext): Promise<void>;
  /** Retries after the first attempt (pg-boss default 2). */
  retryLimit?: number;
  /** Seconds before the first retry (default 5). */
  retryDelay?: number;
  /** Exponential backoff from retryDelay (default true). */
  retryBackoff?: boolean;
  /** Longest delay between retries, in seconds (default 3600). */
  retryDelayMax?: number;
  /** pg-boss queue policy: `stately` keeps at most one queued and one running job. */
  policy?: 'standard' | 'short' | 'singleton' | 'stately' | 'exclusive';
  /** Seconds between polls for new jobs (default 2). */
  pollingIntervalSeconds?: number;
  /** Jobs of this queue run at once in one process (default 1). */
  localConcurrency?: number;
  /** Seconds a job may run before it counts as failed (default 900). */
  expireInSeconds?: number;
  /**
   * A periodic check run by every worker process: when `due()` says there is work,
   * an empty job is sent. Used to pick up work whose nudge was lost (a process died
   * between commit and enqueue).
   */
  sweep?: { everySeconds: number; due(ctx: { env: Env; database: Database }): Promise<boolean> };
}

export function defineJob<T extends object>(definition: JobDefinition<T>): JobDefinition<T> {
  return definition;
}

/**
 * A rule run for every workspace on a schedule (the public pool's reclaim, stalled-deal
 * alerts): the worker's sweep sends it every `everySeconds`, a stately queue keeps one run at
 * a time, and `run` gets each workspace in turn with `now` (a test may send its own). Runs must
 * be idempotent (dedupe keys), since a retry goes over every workspace again.
 */
export function defineWorkspaceSweepJob(name: string, everySeconds: number, run: (database: Database, workspaceId: string, now: Date) => Promise<unknown>): JobDefinition<{ now?: string }> {
  return defineJob<{ now?: string }>({
    name,
    policy: 'stately',
    retryLimit: 2,
    sweep: { everySeconds, due: async () => true },
    async handler(data, ctx) {
      const now = data.now ? new Date(data.now) : new Date();
      const found = await ctx.database.db.select({ id: workspaces.id }).from(workspaces);
      for (const w of found) await run(ctx.database, w.id, now);
    },
  });
}
