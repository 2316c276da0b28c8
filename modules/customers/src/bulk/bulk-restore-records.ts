import { assertCan, type Context } from '@voyage/kernel';
import type { TBulkRestoreResponse } from '@voyage/contracts';
import type { RecordKind } from '../record-kinds';
import { restoreRecords } from '../use-cases/restore-records';
import { runInTransaction } from '@voyage/kernel';
import { partitionByAccess } from './partition-by-access';

/** Brings selected records back from the trash; records not in the trash, or not the actor's to restore, are reported. */
export async function bulkRestoreRecords(ctx: Context, kind: RecordKind, ids: string[]): Promise<TBulkRestoreResponse> {
  assertCan(ctx.actor, kind.object, 'delete');
  return runInTransaction(ctx, async (tx) => {
    const { allowed, skipped } = await partitionByAccess(tx, kind, ids, 'delete', { onlyDeleted: true });
    const restored = await restoreRecords(tx, kind, allowed.map((r) => r.id));
    return { restored: restored.map((r) => r.id as string), skipped };
  });
}
