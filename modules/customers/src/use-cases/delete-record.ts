import { notFound, type Context } from '@voyage/kernel';
import type { RecordKind } from '../record-kinds';
import { deleteRecords } from './delete-records';

/** Moves a record to the trash (deleted_at); it can be restored. Needs the `delete` right. */
export async function deleteRecord(ctx: Context, kind: RecordKind, id: string): Promise<void> {
  const [deleted] = await deleteRecords(ctx, kind, [id]);
  if (!deleted) throw notFound(kind.object);
}
