import { and, eq } from 'drizzle-orm';
import { applyFieldSecurity, notFound, scopedWhere, type Context } from '@voyage/kernel';
import type { contacts } from '../db/schema';
import { publicColumns, toWire, type RecordKind } from '../record-kinds';

/** One live record the actor may see, with field security applied; otherwise not found. */
export async function getRecord(ctx: Context, kind: RecordKind, id: string): Promise<Record<string, unknown>> {
  const t = kind.table as typeof contacts;
  const scope = await scopedWhere(ctx, t, kind.object);
  const [row] = await ctx.db.select(publicColumns(t)).from(t).where(and(scope, eq(t.id, id)));
  if (!row) throw notFound(kind.object);
  return applyFieldSecurity(ctx.actor, kind.object, [toWire(row)])[0];
}
