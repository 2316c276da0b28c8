import { assertCan, assertWritableFields, type Context } from '@voyage/kernel';
import type { TBulkStageRequest, TBulkStageResponse } from '@voyage/contracts';
import type { RecordKind } from '../record-kinds';
import { runInTransaction } from '@voyage/kernel';
import { updateRecords } from '../use-cases/update-records';
import { partitionByAccess } from './partition-by-access';

/**
 * Sets the lifecycle stage of selected records through the ordinary update, so each change
 * gets its stage history row, audit entry and event. Records the actor cannot change are
 * reported with a reason; records already at the stage are reported unchanged.
 */
export async function bulkChangeStage(ctx: Context, kind: RecordKind, input: TBulkStageRequest): Promise<TBulkStageResponse> {
  assertCan(ctx.actor, kind.object, 'update');
  assertWritableFields(ctx.actor, kind.object, { lifecycleStage: input.stage });
  return runInTransaction(ctx, async (tx) => {
    const { allowed, skipped } = await partitionByAccess(tx, kind, input.ids, 'update');
    const changing = allowed.filter((r) => r.lifecycleStage !== input.stage);
    await updateRecords(tx, kind, changing.map((r) => ({ id: r.id, version: r.version, lifecycleStage: input.stage })));
    const changed = new Set(changing.map((r) => r.id));
    return { updated: [...changed], unchanged: allowed.filter((r) => !changed.has(r.id)).map((r) => r.id), skipped };
  });
}
