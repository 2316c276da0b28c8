import { defineJob, schema } from '@voyage/kernel';
import { sweepStalledDeals } from './sweep-stalled-deals';

export const STALLED_DEALS_JOB = 'sales.stalled-deals';

/**
 * Hourly: the stalled-deal rule for every workspace, each in its own transaction. Like the
 * customers reclaim job, the worker's periodic sweep sends it and a stately queue keeps one
 * run at a time; dedupe keys and the alert marks make a rerun send nothing twice.
 */
export const stalledDealsJob = defineJob<{ now?: string }>({
  name: STALLED_DEALS_JOB,
  policy: 'stately',
  retryLimit: 2,
  sweep: { everySeconds: 3600, due: async () => true },
  async handler(data, ctx) {
    const now = data.now ? new Date(data.now) : new Date();
    const workspaces = await ctx.database.db.select({ id: schema.workspaces.id }).from(schema.workspaces);
    for (const w of workspaces) await sweepStalledDeals(ctx.database, w.id, now);
  },
});
