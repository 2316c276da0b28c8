import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { AppError, translate, type Context } from '@voyage/kernel';
import { listViews } from '../db/views';

/** A person's views of one list have distinct names (case-insensitive), so the switcher can tell them apart. */
export async function assertViewNameFree(ctx: Context, object: string, name: string, exceptId?: string): Promise<void> {
  const v = listViews;
  const [taken] = await ctx.db.select({ id: v.id }).from(v).where(and(
    eq(v.workspaceId, ctx.workspaceId), eq(v.object, object), eq(v.ownerId, ctx.actor.userId), isNull(v.deletedAt),
    sql`lower(${v.name}) = lower(${name})`, exceptId ? ne(v.id, exceptId) : undefined,
  )).limit(1);
  if (taken) {
    throw new AppError('customers.view_name_taken', {
      params: { name },
      details: { fields: [{ field: 'name', code: 'taken', message: translate(ctx.locale, 'customers.view_name_taken_field') }] },
    });
  }
}
