import { assertCan, type Context } from '@voyage/kernel';
import type { TBulkDeleteResponse } from '@voyage/contracts';
import type { RecordKind } from '../record-kinds';
import { deleteRecords } from '../use-cases/delete-records';
import { runInTransaction } from '@voyage/kernel';
import { partitionByAccess } from './partition-by-access';

/** Moves selected records to the trash (restorable); the ones the actor may not delete are reported. */
export async function bulkDeleteRecords(ctx: Context, kind: RecordKind, ids: string[]): Promise<TBulkDeleteResponse> {
  assertCan(ctx.actor, kind.object, 'delete');
  return runInTransaction(ctx, async (tx) => {
    const { allowed, skipped } = await partitionByAccess(tx, kind, ids, 'delete');
    const deleted = await deleteRecords(tx, kind, allowed.map((r) => r.id));
    return { deleted, skipped };
  });
}
