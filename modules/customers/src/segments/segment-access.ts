import { and, eq, isNull } from 'drizzle-orm';
import { AppError, notFound, translate, type Context } from '@voyage/kernel';
import { segments } from '../db/segments';
import { accountKind, contactKind, type RecordKind } from '../record-kinds';

export type SegmentRow = typeof segments.$inferSelect;

export const kindOf = (object: string): RecordKind => (object === 'account' ? accountKind : contactKind);

/** Admins and the owner may change a segment; everyone else only uses shared ones. */
export const canChangeSegment = (ctx: Context, row: SegmentRow): boolean => ctx.actor.role.isAdmin || row.ownerId === ctx.actor.userId;

/** A segment the actor may see (their own or a shared one); others are not found. `write` also needs the right to change it. */
export async function loadSegment(ctx: Context, id: string, options: { write?: boolean } = {}): Promise<SegmentRow> {
  const [row] = await ctx.db.select().from(segments).where(and(eq(segments.workspaceId, ctx.workspaceId), eq(segments.id, id), isNull(segments.deletedAt)));
  if (!row || !(row.shared || canChangeSegment(ctx, row))) throw notFound('segment');
  if (options.write && !canChangeSegment(ctx, row)) throw new AppError('forbidden', { message: translate(ctx.locale, 'customers.segment_readonly'), params: { action: 'segment.update' } });
  return row;
}
