import { defineJob, schema, type JobDefinition } from '@voyage/kernel';
import { ensureDefaultWorkflows } from '../templates/install-default-workflows';
import { processReadyRuns } from './run-steps';
import { sweepClockTriggers } from './sweep-clock-triggers';
import { sweepDueWaits } from './sweep-timers';

export const WORKFLOW_ENGINE_JOB = 'automation.workflow_engine';
export const WORKFLOW_CLOCK_JOB = 'automation.workflow_clock';
/** The longest one pass of the engine job goes on taking rounds. */
const PASS_MS = 60_000;

/**
 * The engine's heartbeat: every second, when a wait is due or a run is ready, fire the due
 * waits and advance the ready runs. `{ now }` in the data moves the clock (tests). A stately
 * queue keeps one pass at a time per queue; SKIP LOCKED lets other workers share the work.
 */
export const workflowEngineJob = defineJob<{ now?: string }>({
  name: WORKFLOW_ENGINE_JOB,
  policy: 'stately',
  retryLimit: 5,
  retryDelay: 1,
  pollingIntervalSeconds: 1,
  sweep: {
    everySeconds: 1,
    due: async ({ database }) =>
      (await database.query(`select 1 where exists (select 1 from workflow_runs where status = 'running' and ready_at <= now()) or exists (select 1 from workflow_waits where status = 'pending' and due_at <= now())`)).length > 0,
  },
  async handler(data, ctx) {
    const options = { env: ctx.env, database: ctx.database, send: ctx.send };
    if (data.now) {
      const now = new Date(data.now);
      await sweepDueWaits(ctx.database, now);
      await processReadyRuns({ ...options, now });
      return;
    }
    // Round by round at the time of each round, so runs started (and waits falling due) while a
    // round ran are taken by the next one at once, not by the next pass of this job. Under
    // endless load a pass still ends after a minute (well within the job's expiry); the sweep
    // starts the next one within a second.
    const until = Date.now() + PASS_MS;
    for (;;) {
      const now = new Date();
      await sweepDueWaits(ctx.database, now);
      const { runs } = await processReadyRuns({ ...options, now, maxRounds: 1 });
      if (runs === 0 || Date.now() > until) return;
    }
  },
});

/**
 * Date and schedule triggers of every workspace, twice a minute (a cron tick fires within 30 s).
 * First, the templates on by default (the stalled-deal alert) are installed where they are not
 * yet: new workspaces, and existing ones after an upgrade (once; remembered in memory after).
 */
export const workflowClockJob = defineJob<{ now?: string }>({
  name: WORKFLOW_CLOCK_JOB,
  policy: 'stately',
  retryLimit: 2,
  sweep: { everySeconds: 30, due: async () => true },
  async handler(data, ctx) {
    const now = data.now ? new Date(data.now) : new Date();
    const found = await ctx.database.db.select({ id: schema.workspaces.id }).from(schema.workspaces);
    for (const w of found) {
      await ensureDefaultWorkflows(ctx.database, ctx.env, w.id);
      await sweepClockTriggers(ctx.database, ctx.env, w.id, now);
    }
  },
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const engineJobs: Array<JobDefinition<any>> = [workflowEngineJob, workflowClockJob];
