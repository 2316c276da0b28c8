import { and, eq, inArray, sql } from 'drizzle-orm';
import { assertCan, assertWritableFields, emitEvents, scopedWhere, writeAudit, type Context } from '@voyage/kernel';
import type { TBulkTagRequest, TBulkTagResponse } from '@voyage/contracts';
import type { contacts } from '../db/schema';
import type { RecordKind } from '../record-kinds';
import { ensureTags } from './ensure-tags';

const MAX_TAGS = 50;

/**
 * Adds and removes tags on selected records. Every record goes through the update data scope:
 * ones the actor cannot see are skipped as `not_found`, ones they can only read as `read_only`.
 * Each record changes completely or not at all, with its own version bump, audit entry and event.
 */
export async function bulkTagRecords(ctx: Context, kind: RecordKind, input: TBulkTagRequest): Promise<TBulkTagResponse> {
  assertCan(ctx.actor, kind.object, 'update');
  assertWritableFields(ctx.actor, kind.object, { tags: [] });
  const add = [...new Set(input.add ?? [])];
  const remove = new Set(input.remove ?? []);
  const ids = [...new Set(input.ids)];
  const t = kind.table as typeof contacts;
  return ctx.database.db.transaction(async (db) => {
    const tx: Context = { ...ctx, db };
    const updatable = await db.select({ id: t.id, name: t.name, tags: t.tags, ownerId: t.ownerId, version: t.version }).from(t)
      .where(and(await scopedWhere(tx, t, kind.object, { access: 'update' }), inArray(t.id, ids))).for('update');
    const byId = new Map(updatable.map((r) => [r.id, r]));
    const missing = ids.filter((id) => !byId.has(id));
    const readable = missing.length
      ? new Set((await db.select({ id: t.id }).from(t).where(and(await scopedWhere(tx, t, kind.object), inArray(t.id, missing)))).map((r) => r.id))
      : new Set<string>();
    const result: TBulkTagResponse = { updated: [], unchanged: [], skipped: missing.map((id) => ({ id, reason: readable.has(id) ? 'read_only' : 'not_found' })) };
    await ensureTags(tx, add);
    const now = new Date();
    const changed: Array<{ id: string; name: string; ownerId: string | null; before: string[]; after: string[] }> = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) continue;
      const after = [...row.tags.filter((tag) => !remove.has(tag)), ...add.filter((tag) => !row.tags.includes(tag) && !remove.has(tag))];
      if (after.length === row.tags.length && after.every((tag, i) => tag === row.tags[i])) { result.unchanged.push(id); continue; }
      if (after.length > MAX_TAGS) { result.skipped.push({ id, reason: 'too_many_tags' }); continue; }
      await db.update(t).set({ tags: after, version: sql`${t.version} + 1`, updatedAt: now, updatedBy: ctx.actor.userId })
        .where(and(eq(t.workspaceId, ctx.workspaceId), eq(t.id, id)));
      changed.push({ id, name: row.name, ownerId: row.ownerId, before: row.tags, after });
      result.updated.push(id);
    }
    if (changed.length) {
      await writeAudit(db, changed.map((c) => ({
        workspaceId: ctx.workspaceId, action: 'update', object: kind.object, recordId: c.id, summary: c.name,
        oldValues: { tags: c.before }, newValues: { tags: c.after },
        actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId,
      })));
      await emitEvents(db, changed.map((c) => ({ workspaceId: ctx.workspaceId, event: kind.events.updated, payload: { id: c.id, object: kind.object, ownerId: c.ownerId, changes: { tags: c.after } }, actorUserId: ctx.actor.userId })));
    }
    return result;
  });
}
