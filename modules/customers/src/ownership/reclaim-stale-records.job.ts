import { defineJob, schema } from '@voyage/kernel';
import { reclaimStaleRecords } from './reclaim-stale-records';

export const RECLAIM_JOB = 'customers.pool-reclaim';

/**
 * Hourly: the reclaim rule for every workspace, each in its own transaction. The job queue
 * has no cron of its own, so the worker's periodic sweep sends the job every hour, and a
 * stately queue keeps one run at a time. Runs are idempotent: warnings carry dedupe keys.
 */
export const reclaimStaleRecordsJob = defineJob<{ now?: string }>({
  name: RECLAIM_JOB,
  policy: 'stately',
  retryLimit: 2,
  sweep: { everySeconds: 3600, due: async () => true },
  async handler(data, ctx) {
    const now = data.now ? new Date(data.now) : new Date();
    const workspaces = await ctx.database.db.select({ id: schema.workspaces.id }).from(schema.workspaces);
    for (const w of workspaces) await reclaimStaleRecords(ctx.database, w.id, now);
  },
});
