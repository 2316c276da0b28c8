import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { can, type Context } from '@voyage/kernel';
import type { TSegment } from '@voyage/contracts';
import { segments } from '../db/segments';
import { countSegments } from './count-segment';
import { kindOf } from './segment-access';
import { segmentCondition } from './segment-condition';
import { segmentView } from './segment-view';

/**
 * Segments the actor may use (own and shared; admins see all), each with the number of
 * members inside the actor's data scope. Objects the actor cannot read are left out.
 */
export async function listSegments(ctx: Context, object?: 'contact' | 'account'): Promise<TSegment[]> {
  const visible = ctx.actor.role.isAdmin ? undefined : or(eq(segments.shared, true), eq(segments.ownerId, ctx.actor.userId));
  const rows = await ctx.db.select().from(segments)
    .where(and(eq(segments.workspaceId, ctx.workspaceId), isNull(segments.deletedAt), object ? eq(segments.object, object) : undefined, visible))
    .orderBy(asc(segments.name), asc(segments.id));
  const readable = rows.filter((row) => can(ctx.actor, kindOf(row.object).object, 'read'));
  // A rule that no longer compiles (its custom field was deleted) shows without a count instead of failing the list.
  const conditions = await Promise.all(readable.map((row) => segmentCondition(ctx, kindOf(row.object), row).catch(() => undefined)));
  const counts = new Map<string, number>();
  for (const object of new Set(readable.map((row) => row.object))) {
    const members = readable.map((row, i) => ({ row, condition: conditions[i] })).filter((m) => m.row.object === object && m.condition);
    const values = await countSegments(ctx, kindOf(object), members.map((m) => m.condition!));
    members.forEach((m, i) => counts.set(m.row.id, values[i]));
  }
  return readable.map((row) => segmentView(row, counts.get(row.id)));
}
