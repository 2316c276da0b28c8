import type { Context } from '@voyage/kernel';
import type { RecordKind } from '../record-kinds';
import { createRecords } from './create-records';
import { runInTransaction } from '@voyage/kernel';
import { updateRecords, type RecordChange } from './update-records';

export interface BatchInput {
  create?: Array<Record<string, unknown>>;
  update?: RecordChange[];
}

/**
 * Creates and updates many records in one transaction: all or nothing. Errors name the
 * row by its place in the request: `create.3.email`, `update.0.version`.
 */
export async function applyBatch(ctx: Context, kind: RecordKind, input: BatchInput): Promise<{ created: Array<Record<string, unknown>>; updated: Array<Record<string, unknown>> }> {
  return runInTransaction(ctx, async (tx) => {
    const created = await createRecords(tx, kind, input.create ?? [], { pathOf: (i) => `create.${i}.` });
    const updated = await updateRecords(tx, kind, input.update ?? [], { pathOf: (i) => `update.${i}.` });
    return { created, updated };
  });
}
