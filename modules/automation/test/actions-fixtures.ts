import { loadActor, newId, workflowAction, workflowRecordSource, type Context, type WorkflowActionContext } from '@voyage/kernel';
import type { World } from '@voyage/testing';
import { mergeText } from '../src/engine/record-rules';

export { api } from './engine-fixtures';

/**
 * Runs (or describes) a catalogue action the way the engine does: as `userId`, in one
 * transaction, on the record read fresh, with the step's idempotency key.
 */
export async function runAction(w: World, options: { action: string; input: Record<string, unknown>; object?: string; recordId?: string; key?: string; userId?: string; mode?: 'run' | 'describe'; workflowId?: string; stepId?: string; now?: Date }): Promise<{ output: Record<string, unknown>; summary?: string }> {
  const action = workflowAction(options.action)!;
  const input = action.input.parse(options.input);
  const actor = (await loadActor(w.t.database.db, w.workspaceId, options.userId ?? w.admin.userId))!;
  return w.t.database.db.transaction(async (tx) => {
    const ctx: Context = { env: w.t.env, database: w.t.database, db: tx, workspaceId: w.workspaceId, actor, locale: 'en' };
    const values = options.object && options.recordId ? (await workflowRecordSource(options.object)!.load(tx, w.workspaceId, [options.recordId])).get(options.recordId) : undefined;
    const record = values && options.object && options.recordId ? { object: options.object, id: options.recordId, values } : null;
    const scope = { record: record?.values ?? null, trigger: {}, steps: {} };
    const actx: WorkflowActionContext = {
      ctx, workflowId: options.workflowId ?? newId(), runId: newId(), stepId: options.stepId ?? 'step', idempotencyKey: options.key ?? newId(), record, trigger: {}, steps: {},
      now: options.now ?? new Date(), jobs: (name, data, opts) => w.t.services.jobs.send(name, data, opts),
      merge: (text) => mergeText(text, scope, tx),
    };
    if (options.mode === 'describe') {
      const described = await action.describe(actx, input);
      return { output: described.output ?? {}, summary: described.summary };
    }
    return { output: await action.run(actx, input) };
  });
}
