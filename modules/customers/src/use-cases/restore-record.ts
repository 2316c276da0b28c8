import { and, eq } from 'drizzle-orm';
import { AppError, notFound, scopedWhere, type Context } from '@voyage/kernel';
import type { contacts } from '../db/schema';
import type { RecordKind } from '../record-kinds';
import { restoreRecords } from './restore-records';

/**
 * Brings a record back from the trash. Whoever may delete it may restore it. A record merged
 * into another is refused with 422: its related rows and chosen values now live on the survivor.
 */
export async function restoreRecord(ctx: Context, kind: RecordKind, id: string): Promise<Record<string, unknown>> {
  const [row] = await restoreRecords(ctx, kind, [id]);
  if (row) return row;
  const t = kind.table as typeof contacts;
  const scope = await scopedWhere(ctx, t, kind.object, { access: 'delete', onlyDeleted: true });
  const [merged] = await ctx.db.select({ into: t.mergedIntoId }).from(t).where(and(scope, eq(t.id, id)));
  if (merged?.into) throw new AppError('customers.merged_not_restorable', { details: { mergedIntoId: merged.into } });
  throw notFound(kind.object);
}
