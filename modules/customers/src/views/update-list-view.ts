import { and, eq, sql } from 'drizzle-orm';
import { AppError, diffValues, writeAudit, type Context } from '@voyage/kernel';
import type { TListView, TUpdateListViewRequest } from '@voyage/contracts';
import { listViews } from '../db/views';
import { checkViewState } from './check-view-state';
import { assertMayShare, kindOfView, loadListView } from './list-view-access';
import { listViewWire } from './list-view-wire';
import { normalizeViewState } from './normalize-view-state';
import { assertViewNameFree } from './view-name-taken';

/**
 * Renames, re-shares, re-orders or saves new state into a view. Owner only; a stale version
 * is a 409. A view that is (or becomes) shared needs the object's update right to change;
 * un-sharing one's own view does not, so nobody is stuck with a view they can no longer edit.
 */
export async function updateListView(ctx: Context, id: string, input: TUpdateListViewRequest): Promise<TListView> {
  const current = await loadListView(ctx, id, { write: true });
  if (current.version !== input.version) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: current.version } });
  const kind = kindOfView(current.object);
  if (input.shared ?? current.shared) assertMayShare(ctx, kind.object);
  const state = input.state ? normalizeViewState(input.state) : undefined;
  if (state) await checkViewState(ctx, kind, state);
  if (input.name !== undefined && input.name !== current.name) await assertViewNameFree(ctx, current.object, input.name, id);
  return ctx.database.db.transaction(async (tx) => {
    const v = listViews;
    const [row] = await tx.update(v).set({
      name: input.name ?? current.name,
      shared: input.shared ?? current.shared,
      state: state ?? current.state,
      position: input.position ?? current.position,
      version: sql`${v.version} + 1`, updatedAt: new Date(), updatedBy: ctx.actor.userId,
    }).where(and(eq(v.workspaceId, ctx.workspaceId), eq(v.id, id), eq(v.version, input.version))).returning();
    if (!row) throw new AppError('version_conflict', { details: { field: 'version', id } });
    const pick = (r: typeof row) => ({ name: r.name, shared: r.shared, state: r.state, position: r.position });
    const diff = diffValues(pick(current), pick(row), []);
    await writeAudit(tx, {
      workspaceId: ctx.workspaceId, action: 'update', object: 'list_view', recordId: id, summary: row.name, oldValues: diff.oldValues, newValues: diff.newValues,
      actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId,
    });
    return listViewWire(row, ctx.actor.userId, ctx.actor.name);
  });
}
