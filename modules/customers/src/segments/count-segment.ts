import { and, count, type SQL } from 'drizzle-orm';
import { scopedWhere, type Context } from '@voyage/kernel';
import type { contacts } from '../db/schema';
import type { RecordKind } from '../record-kinds';

/** Records matching `condition` that the actor can see. */
export async function countSegment(ctx: Context, kind: RecordKind, condition: SQL): Promise<number> {
  const t = kind.table as typeof contacts;
  const [row] = await ctx.db.select({ n: count() }).from(t).where(and(await scopedWhere(ctx, t, kind.object), condition));
  return Number(row.n);
}
