import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Context } from '@voyage/kernel';
import type { TTag } from '@voyage/contracts';
import { tags } from '../db/segments';
import { tagView } from './tag-view';

/** The tag catalogue, by name; with `object`, only tags offered for it. */
export async function listTags(ctx: Context, object?: 'contact' | 'account'): Promise<TTag[]> {
  const rows = await ctx.db.select().from(tags)
    .where(and(eq(tags.workspaceId, ctx.workspaceId), object ? inArray(tags.objectScope, ['all', object]) : undefined))
    .orderBy(asc(tags.name));
  return rows.map(tagView);
}
