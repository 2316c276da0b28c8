import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Context } from '../context';
import { customFieldDefs } from '../db/schema';
import type { CustomFieldDef } from './types';

/** The live custom fields of the workspace, optionally of one object. Any member may read them. */
export async function listCustomFields(ctx: Pick<Context, 'db' | 'workspaceId'>, object?: string): Promise<CustomFieldDef[]> {
  const rows = await ctx.db
    .select()
    .from(customFieldDefs)
    .where(and(eq(customFieldDefs.workspaceId, ctx.workspaceId), isNull(customFieldDefs.deletedAt), object ? eq(customFieldDefs.object, object) : undefined))
    .orderBy(asc(customFieldDefs.object), asc(customFieldDefs.position), asc(customFieldDefs.createdAt));
  return rows as CustomFieldDef[];
}
