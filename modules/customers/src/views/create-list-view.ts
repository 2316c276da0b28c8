import { and, eq, sql } from 'drizzle-orm';
import { assertCan, newId, writeAudit, type Context } from '@voyage/kernel';
import type { TCreateListViewRequest, TListView } from '@voyage/contracts';
import { listViews } from '../db/views';
import { checkViewState } from './check-view-state';
import { assertMayShare, kindOfView } from './list-view-access';
import { listViewWire } from './list-view-wire';
import { normalizeViewState } from './normalize-view-state';
import { assertViewNameFree } from './view-name-taken';

/** Saves the list's current filters, sort and columns as a personal view, or a shared one (needs the object's update right). */
export async function createListView(ctx: Context, input: TCreateListViewRequest): Promise<TListView> {
  const kind = kindOfView(input.object);
  assertCan(ctx.actor, kind.object, 'read');
  if (input.shared) assertMayShare(ctx, kind.object);
  const state = normalizeViewState(input.state);
  await checkViewState(ctx, kind, state);
  await assertViewNameFree(ctx, input.object, input.name);
  return ctx.database.db.transaction(async (tx) => {
    const v = listViews;
    const [{ next }] = await tx.select({ next: sql<number>`coalesce(max(${v.position}), -1)::int + 1` }).from(v)
      .where(and(eq(v.workspaceId, ctx.workspaceId), eq(v.object, input.object), eq(v.ownerId, ctx.actor.userId)));
    const now = new Date();
    const [row] = await tx.insert(v).values({
      workspaceId: ctx.workspaceId, id: newId(), object: input.object, name: input.name, ownerId: ctx.actor.userId,
      shared: input.shared ?? false, state, position: next, createdAt: now, updatedAt: now, createdBy: ctx.actor.userId, updatedBy: ctx.actor.userId,
    }).returning();
    await writeAudit(tx, {
      workspaceId: ctx.workspaceId, action: 'create', object: 'list_view', recordId: row.id, summary: row.name,
      newValues: { object: row.object, name: row.name, shared: row.shared, state },
      actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId,
    });
    return listViewWire(row, ctx.actor.userId, ctx.actor.name);
  });
}
