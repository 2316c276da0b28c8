import { notFound, type Context } from '@voyage/kernel';
import type { RecordKind } from '../record-kinds';
import { restoreRecords } from './restore-records';

/** Brings a record back from the trash. Whoever may delete it may restore it. */
export async function restoreRecord(ctx: Context, kind: RecordKind, id: string): Promise<Record<string, unknown>> {
  const [row] = await restoreRecords(ctx, kind, [id]);
  if (!row) throw notFound(kind.object);
  return row;
}
