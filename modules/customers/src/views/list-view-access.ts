import { and, eq, isNull } from 'drizzle-orm';
import { AppError, assertCan, can, translate, type Context } from '@voyage/kernel';
import { listViews } from '../db/views';
import { accountKind, contactKind, type RecordKind } from '../record-kinds';

export type ListViewRow = typeof listViews.$inferSelect;

export const kindOfView = (object: string): RecordKind => (object === 'account' ? accountKind : contactKind);

/**
 * Sharing a view puts it in everyone's view switcher, so it needs the object's `update` right:
 * the people who work the records (reps, managers) may publish views; read-only users may not.
 */
export function assertMayShare(ctx: Context, object: string): void {
  if (!can(ctx.actor, object, 'update')) throw new AppError('customers.view_share_forbidden', { params: { action: `${object}.update` } });
}

/**
 * A view the actor may see: their own, or one shared in the workspace; others are not found.
 * `write` (rename, re-share, save state, delete) is for the owner only.
 */
export async function loadListView(ctx: Context, id: string, options: { write?: boolean } = {}): Promise<ListViewRow> {
  const [row] = await ctx.db.select().from(listViews)
    .where(and(eq(listViews.workspaceId, ctx.workspaceId), eq(listViews.id, id), isNull(listViews.deletedAt)));
  const mine = row?.ownerId === ctx.actor.userId;
  if (!row || !(row.shared || mine)) throw new AppError('not_found', { message: translate(ctx.locale, 'customers.view_not_found') });
  assertCan(ctx.actor, row.object, 'read');
  if (options.write && !mine) throw new AppError('customers.view_readonly');
  return row;
}
