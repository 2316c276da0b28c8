import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { can, type Context } from '@voyage/kernel';
import type { TSegment } from '@voyage/contracts';
import { segments } from '../db/segments';
import { countSegment } from './count-segment';
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
  const out: TSegment[] = [];
  for (const row of rows) {
    const kind = kindOf(row.object);
    if (!can(ctx.actor, kind.object, 'read')) continue;
    // A rule that no longer compiles (its custom field was deleted) shows without a count instead of failing the list.
    const count = await segmentCondition(ctx, kind, row).then((c) => countSegment(ctx, kind, c), () => undefined);
    out.push(segmentView(row, count));
  }
  return out;
}
