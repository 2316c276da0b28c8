import { and, eq } from 'drizzle-orm';
import { newId, writeAudit, type Context } from '@voyage/kernel';
import type { TCreateTagRequest, TTag } from '@voyage/contracts';
import { tags } from '../db/segments';
import { tagExists } from './tag-exists';
import { tagView } from './tag-view';

/** Any member may add a tag to the catalogue (they tag records all day); renaming and deleting are for admins. */
export async function createTag(ctx: Context, input: TCreateTagRequest): Promise<TTag> {
  return ctx.database.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: tags.id }).from(tags).where(and(eq(tags.workspaceId, ctx.workspaceId), eq(tags.name, input.name)));
    if (existing) throw tagExists(ctx, input.name);
    const [row] = await tx.insert(tags).values({
      workspaceId: ctx.workspaceId, id: newId(), name: input.name, color: input.color ?? 'gray', objectScope: input.objectScope ?? 'all',
      createdBy: ctx.actor.userId, updatedBy: ctx.actor.userId,
    }).returning();
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'create', object: 'tag', recordId: row.id, summary: row.name, newValues: { name: row.name, color: row.color, objectScope: row.objectScope }, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
    return tagView(row);
  });
}
