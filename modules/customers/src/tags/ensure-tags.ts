import { newId, type Context } from '@voyage/kernel';
import { tags } from '../db/segments';

/** Adds names missing from the catalogue, so tagging a record never needs a separate step. */
export async function ensureTags(ctx: Context, names: string[]): Promise<void> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return;
  await ctx.db.insert(tags)
    .values(unique.map((name) => ({ workspaceId: ctx.workspaceId, id: newId(), name, createdBy: ctx.actor.userId, updatedBy: ctx.actor.userId })))
    .onConflictDoNothing({ target: [tags.workspaceId, tags.name] });
}
