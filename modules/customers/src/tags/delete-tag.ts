import { and, eq, sql } from 'drizzle-orm';
import { notFound, writeAudit, type Context } from '@voyage/kernel';
import { tags } from '../db/segments';
import { TAGGED_TABLES } from './record-tables';

/** Removes a tag from the catalogue and from every record that carries it, in one transaction. */
export async function deleteTag(ctx: Context, id: string): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const [current] = await tx.select().from(tags).where(and(eq(tags.workspaceId, ctx.workspaceId), eq(tags.id, id))).for('update');
    if (!current) throw notFound('tag');
    let recordsChanged = 0;
    for (const { table } of TAGGED_TABLES) {
      const result = await tx.update(table).set({ tags: sql`array_remove(${table.tags}, ${current.name})`, version: sql`${table.version} + 1`, updatedAt: new Date(), updatedBy: ctx.actor.userId })
        .where(and(eq(table.workspaceId, ctx.workspaceId), sql`${table.tags} @> array[${current.name}]::text[]`)).returning({ id: table.id });
      recordsChanged += result.length;
    }
    await tx.delete(tags).where(and(eq(tags.workspaceId, ctx.workspaceId), eq(tags.id, id)));
    await writeAudit(tx, {
      workspaceId: ctx.workspaceId, action: 'delete', object: 'tag', recordId: id, summary: current.name,
      oldValues: { name: current.name, color: current.color }, newValues: { recordsChanged },
      actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId,
    });
  });
}
