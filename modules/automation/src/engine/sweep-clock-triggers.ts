import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { compileRuleGroup, type Database, type Env, type RuleGroup } from '@voyage/kernel';
import { workflowTriggerMarks } from '../db/workflows';
import { parseCron, latestTick } from './cron';
import { triggerOf } from './graph';
import { loadObjectFields } from './record-fields';
import { startRuns, type RunRequest } from './start-runs';
import { liveWorkflows } from './workflow-cache';

const DAY_MS = 86_400_000;
/** A workflow swept for the first time looks this far back, so a date passed earlier today still fires. */
const FIRST_LOOKBACK_MS = DAY_MS;

/**
 * The time-driven triggers of a workspace, as of `now`: "a date comes near" (records whose date
 * field + offsetDays passed since the last sweep; one run per (record, date value), so a moved
 * date fires again) and schedules (the latest cron tick since the last sweep; one run per tick).
 * Each workflow keeps its last sweep time.
 */
export async function sweepClockTriggers(database: Database, env: Env, workspaceId: string, now = new Date()): Promise<{ started: number }> {
  const { db } = database;
  const live = (await liveWorkflows(db, workspaceId)).filter((w) => ['date_relative', 'schedule'].includes(triggerOf(w.graph)?.trigger?.kind ?? ''));
  let started = 0;
  for (const workflow of live) {
    const trigger = triggerOf(workflow.graph)!.trigger!;
    started += await db.transaction(async (tx) => {
      const [mark] = await tx.select().from(workflowTriggerMarks).where(and(eq(workflowTriggerMarks.workspaceId, workspaceId), eq(workflowTriggerMarks.workflowId, workflow.id))).for('update');
      const since = mark?.sweptAt ?? new Date(now.getTime() - FIRST_LOOKBACK_MS);
      if (since >= now) return 0;
      const requests: RunRequest[] = [];
      const base = { workflowId: workflow.id, version: workflow.version, graph: workflow.graph, depth: 0 };
      if (trigger.kind === 'schedule') {
        const schedule = trigger.cron ? parseCron(trigger.cron) : null;
        const tick = schedule ? latestTick(schedule, trigger.timezone ?? 'UTC', since, now) : null;
        if (tick) requests.push({ ...base, object: null, recordId: null, trigger: { scheduledAt: tick.toISOString() }, dedupeKey: `schedule:${tick.toISOString()}` });
      } else if (trigger.object && trigger.field) {
        const fields = await loadObjectFields(tx, workspaceId, trigger.object);
        if (fields) {
          const { source, defs } = fields;
          const column: SQL | undefined = trigger.field.startsWith('custom.')
            ? (source.list.custom ? sql`(${source.list.custom}->>${trigger.field.slice(7)})::timestamptz` : undefined)
            : source.dateFields?.[trigger.field] ? sql`${source.dateFields[trigger.field]}` : undefined;
          if (column) {
            const offset = trigger.offsetDays ?? 0;
            // date + offset in (since, now], written as a range of the date itself so an index on it serves the sweep.
            const from = sql`${since.toISOString()}::timestamptz - make_interval(days => ${offset}::int)`;
            const to = sql`${now.toISOString()}::timestamptz - make_interval(days => ${offset}::int)`;
            const filter = trigger.filter && trigger.filter.rules.length ? compileRuleGroup(source.list, trigger.filter as RuleGroup, { defs, locale: 'en', object: trigger.object }) : sql`true`;
            const rows = (await tx
              .select({ id: source.columns.id, value: sql<string>`(${column})::text` })
              .from(source.table)
              .where(and(eq(source.columns.workspaceId, workspaceId), source.columns.deletedAt ? isNull(source.columns.deletedAt) : undefined, sql`${column} > ${from}`, sql`${column} <= ${to}`, filter))
              .limit(10_000)) as Array<{ id: string; value: string }>;
            for (const r of rows) {
              requests.push({ ...base, object: trigger.object, recordId: r.id, trigger: { field: trigger.field, date: r.value, offsetDays: offset }, dedupeKey: `date:${r.id}:${r.value}` });
            }
          }
        }
      }
      const result = await startRuns(tx, env, workspaceId, requests, now);
      await tx.insert(workflowTriggerMarks).values({ workspaceId, workflowId: workflow.id, sweptAt: now }).onConflictDoUpdate({ target: [workflowTriggerMarks.workspaceId, workflowTriggerMarks.workflowId], set: { sweptAt: now } });
      return result.started.length;
    });
  }
  return { started };
}
