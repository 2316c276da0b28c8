import { and, inArray } from 'drizzle-orm';
import { scopedWhere, type Context, type ObjectAction } from '@voyage/kernel';
import type { TBulkStageResponse } from '@voyage/contracts';
import type { contacts } from '../db/schema';
import type { RecordKind } from '../record-kinds';

export interface BulkTarget {
  id: string;
  version: number;
  lifecycleStage: string | null;
}

/**
 * Splits the ids of a bulk action by what the actor may do to each record: `allowed` rows
 * (locked for the rest of the transaction, in the order asked), `read_only` ones they can see
 * but not change, and `not_found` ones outside their scope. Runs in the caller's transaction.
 */
export async function partitionByAccess(tx: Context, kind: RecordKind, ids: string[], access: Extract<ObjectAction, 'update' | 'delete'>, options: { onlyDeleted?: boolean } = {}): Promise<{ allowed: BulkTarget[]; skipped: TBulkStageResponse['skipped'] }> {
  const t = kind.table as typeof contacts;
  const unique = [...new Set(ids)];
  const rows = await tx.db.select({ id: t.id, version: t.version, lifecycleStage: t.lifecycleStage }).from(t)
    .where(and(await scopedWhere(tx, t, kind.object, { access, onlyDeleted: options.onlyDeleted }), inArray(t.id, unique))).for('update');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = unique.filter((id) => !byId.has(id));
  const readable = missing.length
    ? new Set((await tx.db.select({ id: t.id }).from(t).where(and(await scopedWhere(tx, t, kind.object, { onlyDeleted: options.onlyDeleted }), inArray(t.id, missing)))).map((r) => r.id))
    : new Set<string>();
  return {
    allowed: unique.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
    skipped: missing.map((id) => ({ id, reason: readable.has(id) ? 'read_only' as const : 'not_found' as const })),
  };
}
