import { and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { assertCan, schema, type Context } from '@voyage/kernel';
import type { TListView } from '@voyage/contracts';
import { listViews } from '../db/views';
import { kindOfView } from './list-view-access';
import { listViewWire } from './list-view-wire';

/** The actor's own views of a list (in their order), then the views others share with the workspace. */
export async function listListViews(ctx: Context, object: 'contact' | 'account'): Promise<TListView[]> {
  assertCan(ctx.actor, kindOfView(object).object, 'read');
  const v = listViews;
  const mine = eq(v.ownerId, ctx.actor.userId);
  const rows = await ctx.db.select({ view: v, ownerName: schema.users.name }).from(v)
    .leftJoin(schema.users, eq(schema.users.id, v.ownerId))
    .where(and(eq(v.workspaceId, ctx.workspaceId), eq(v.object, object), isNull(v.deletedAt), or(mine, eq(v.shared, true))))
    .orderBy(desc(sql`${mine}`), asc(v.position), asc(v.name), asc(v.id));
  return rows.map((r) => listViewWire(r.view, ctx.actor.userId, r.ownerName));
}
