import { sql } from 'drizzle-orm';
import type { Database, Queryable } from '@voyage/kernel';

/**
 * Fires every pending wait due by `now` (oldest first, in batches): the wait records its
 * outcome (`timeout` for an event wait) and its run becomes ready, so the runner takes the
 * wait's way out. The partial index on due_at keeps this cheap with many waits pending;
 * SKIP LOCKED lets several workers sweep at once.
 */
export async function sweepDueWaits(database: Database, now = new Date(), batchSize = 5_000): Promise<number> {
  let fired = 0;
  for (;;) {
    const rows = await database.query<{ n: number }>(
      `with due as (
         select workspace_id, id from workflow_waits where status = 'pending' and due_at <= $1 order by due_at limit $2 for update skip locked
       ), fired as (
         update workflow_waits w set status = 'fired', outcome = w.due_outcome, fired_at = $1
         from due where w.workspace_id = due.workspace_id and w.id = due.id
         returning w.workspace_id, w.run_id
       ), woken as (
         update workflow_runs r set status = 'running', ready_at = $1, waiting_until = null
         from fired where r.workspace_id = fired.workspace_id and r.id = fired.run_id and r.status = 'waiting'
         returning r.id
       )
       select (select count(*) from fired)::int as n`,
      [now.toISOString(), batchSize],
    );
    const n = Number(rows[0]?.n ?? 0);
    fired += n;
    if (n < batchSize) return fired;
  }
}

/** Fires pending waits for an event whose correlation key matches; their runs take the `event` way. Returns the runs woken. */
export async function fireEventWaits(db: Queryable, workspaceId: string, event: string, keys: string[], now: Date): Promise<number> {
  if (keys.length === 0) return 0;
  const at = now.toISOString();
  const result = (await db.execute(sql`
    with fired as (
      update workflow_waits set status = 'fired', outcome = 'event', fired_at = ${at}::timestamptz
      where workspace_id = ${workspaceId} and event = ${event} and status = 'pending'
        and correlation_key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})
      returning workspace_id, run_id
    ), woken as (
      update workflow_runs r set status = 'running', ready_at = ${at}::timestamptz, waiting_until = null
      from fired where r.workspace_id = fired.workspace_id and r.id = fired.run_id and r.status = 'waiting'
      returning r.id
    )
    select (select count(*) from woken)::int as n`)) as unknown as { rows: Array<{ n: number }> };
  return Number(result.rows[0]?.n ?? 0);
}
