import type { z } from 'zod';
import type { ZRunWorkflowResponse } from '@voyage/contracts';
import { and, inArray } from 'drizzle-orm';
import { assertCapability, can, newId, runInTransaction, scopedWhere, translate, workflowRecordSource, writeAudit, type Context } from '@voyage/kernel';
import { MANAGE_WORKFLOWS } from './create-workflow';
import { liveVersionFor } from './load-live-version';
import { startRuns } from './start-runs';
import { loadWorkflow } from './workflow-wire';
import './engine-messages';

/**
 * Runs a manual-trigger workflow on the selected records, one run each. The caller's data
 * scope applies: records they cannot see, or that do not exist, are skipped with a reason, as
 * are records refused by the loop cap.
 */
export async function runWorkflowManually(ctx: Context, id: string, recordIds: string[], now = new Date()): Promise<z.infer<typeof ZRunWorkflowResponse>> {
  assertCapability(ctx.actor, MANAGE_WORKFLOWS);
  const row = await loadWorkflow(ctx, id);
  const live = await liveVersionFor(ctx.db, row, 'manual');
  const object = live.trigger.object!;
  const source = workflowRecordSource(object);
  const ids = [...new Set(recordIds)];
  const skipped: Array<{ recordId: string; reason: string }> = [];
  let visible = new Set<string>();
  let existing = new Set<string>();
  if (source) {
    const { columns } = source;
    existing = new Set((await source.load(ctx.db, ctx.workspaceId, ids)).keys());
    if (!columns.ownerId) visible = existing;
    else if (can(ctx.actor, object, 'read')) {
      const where = await scopedWhere(ctx, { workspaceId: columns.workspaceId, id: columns.id, ownerId: columns.ownerId, deletedAt: columns.deletedAt }, object);
      const rows = (await ctx.db.select({ id: columns.id }).from(source.table).where(and(where, inArray(columns.id, ids)))) as Array<{ id: string }>;
      visible = new Set(rows.map((r) => r.id));
    }
  }
  const runnable = ids.filter((recordId) => {
    if (!existing.has(recordId)) skipped.push({ recordId, reason: translate(ctx.locale, 'workflow.manual.not_found') });
    else if (!visible.has(recordId)) skipped.push({ recordId, reason: translate(ctx.locale, 'workflow.manual.not_visible') });
    else return true;
    return false;
  });
  const batch = newId();
  const result = await runInTransaction(ctx, async (tx) => {
    const started = await startRuns(tx.db, tx.env, tx.workspaceId, runnable.map((recordId) => ({
      workflowId: id, version: live.version, graph: live.graph, object, recordId, depth: 0,
      trigger: { kind: 'manual', startedBy: tx.actor.userId, batch }, dedupeKey: `manual:${batch}:${recordId}`,
    })), now);
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'run', object: 'workflow', recordId: id, summary: row.name, newValues: { records: runnable.length, started: started.started.length }, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    return started;
  });
  for (const r of result.refused) skipped.push({ recordId: r.request.recordId!, reason: translate(ctx.locale, r.reason, { max: r.reason === 'workflow.run.loop_cap' ? ctx.env.WORKFLOW_RUNS_PER_RECORD_HOUR : ctx.env.WORKFLOW_MAX_DEPTH }) });
  return { started: result.started.length, skipped };
}
