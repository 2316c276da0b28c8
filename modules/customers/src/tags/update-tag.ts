import { and, eq, sql } from 'drizzle-orm';
import { AppError, notFound, writeAudit, type Context } from '@voyage/kernel';
import type { TTag, TUpdateTagRequest } from '@voyage/contracts';
import { tags } from '../db/segments';
import { TAGGED_TABLES } from './record-tables';
import { tagExists } from './tag-exists';
import { tagView } from './tag-view';

/**
 * Renames or recolours a catalogue tag. A rename rewrites the tag on every record in the same
 * transaction (bumping their versions, so an editor holding the old tag list gets a 409).
 */
export async function updateTag(ctx: Context, id: string, input: TUpdateTagRequest): Promise<TTag> {
  return ctx.database.db.transaction(async (tx) => {
    const [current] = await tx.select().from(tags).where(and(eq(tags.workspaceId, ctx.workspaceId), eq(tags.id, id))).for('update');
    if (!current) throw notFound('tag');
    if (current.version !== input.version) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: current.version } });
    const rename = input.name !== undefined && input.name !== current.name ? input.name : undefined;
    let recordsChanged = 0;
    if (rename) {
      const [clash] = await tx.select({ id: tags.id }).from(tags).where(and(eq(tags.workspaceId, ctx.workspaceId), eq(tags.name, rename)));
      if (clash) throw tagExists(ctx, rename);
      for (const { table } of TAGGED_TABLES) {
        // A record that already has the new name just loses the old one, so no tag appears twice.
        const result = await tx.update(table).set({
          tags: sql`case when ${rename} = any(${table.tags}) then array_remove(${table.tags}, ${current.name}) else array_replace(${table.tags}, ${current.name}, ${rename}) end`,
          version: sql`${table.version} + 1`, updatedAt: new Date(), updatedBy: ctx.actor.userId,
        }).where(and(eq(table.workspaceId, ctx.workspaceId), sql`${table.tags} @> array[${current.name}]::text[]`)).returning({ id: table.id });
        recordsChanged += result.length;
      }
    }
    const [row] = await tx.update(tags).set({
      name: rename ?? current.name, color: input.color ?? current.color, objectScope: input.objectScope ?? current.objectScope,
      version: sql`${tags.version} + 1`, updatedAt: new Date(), updatedBy: ctx.actor.userId,
    }).where(and(eq(tags.workspaceId, ctx.workspaceId), eq(tags.id, id))).returning();
    await writeAudit(tx, {
      workspaceId: ctx.workspaceId, action: 'update', object: 'tag', recordId: id, summary: row.name,
      oldValues: { name: current.name, color: current.color, objectScope: current.objectScope },
      newValues: { name: row.name, color: row.color, objectScope: row.objectScope, recordsChanged },
      actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId,
    });
    return tagView(row);
  });
}
