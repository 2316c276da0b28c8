import { and, eq, sql } from 'drizzle-orm';
import { IMPORT_EVENTS, type TImport } from '@voyage/contracts';
import { AppError, assertCan, emitEvents, updateRowsByVersion, writeAudit, type Context, type Tx } from '@voyage/kernel';
import { importRows, imports } from '../db/imports';
import type { contacts } from '../db/schema';
import { kindOf, loadImport, toImportView } from './load-import';

/** Conflicting rows named in the refusal, at most. */
const MAX_REPORTED_CONFLICTS = 50;

/**
 * Undoes a finished import in one transaction: records it created go to the trash, records
 * it updated get their previous values back. A record someone changed since (its version
 * moved) makes the undo refuse, naming the rows, unless `force`.
 */
export async function undoImport(ctx: Context, id: string, options: { force?: boolean } = {}): Promise<TImport> {
  const current = await loadImport(ctx, id);
  if (current.status !== 'done') throw new AppError('imports.not_done');
  const kind = kindOf(current.object);
  const t = kind.table as typeof contacts;
  if (current.created) assertCan(ctx.actor, current.object, 'delete');
  if (current.updated) assertCan(ctx.actor, current.object, 'update');
  const r = importRows;
  const ofThisImport = and(eq(r.workspaceId, ctx.workspaceId), eq(r.importId, id));
  return ctx.database.db.transaction(async (tx: Tx) => {
    const changed = await tx.select({ row: r.rowNumber }).from(r).innerJoin(t, and(eq(t.workspaceId, r.workspaceId), eq(t.id, r.recordId)))
      .where(and(ofThisImport, sql`${r.action} in ('created', 'updated')`, sql`(${t.version} <> ${r.versionAfter} or ${t.deletedAt} is not null)`))
      .orderBy(r.rowNumber).limit(MAX_REPORTED_CONFLICTS);
    if (changed.length && !options.force) throw new AppError('imports.changed_since', { details: { rows: changed.map((c) => c.row) } });

    // Created records go to the trash in one statement joined to the trail.
    await tx.execute(sql`
      update ${t} as c set deleted_at = now(), version = c.version + 1, updated_at = now(), updated_by = ${ctx.actor.userId}::uuid
      from ${r} as r
      where r.workspace_id = ${ctx.workspaceId}::uuid and r.import_id = ${id}::uuid and r.action = 'created'
        and c.workspace_id = r.workspace_id and c.id = r.record_id and c.deleted_at is null`);
    const updated = await tx.select({ id: r.recordId, previous: r.previous, version: t.version }).from(r)
      .innerJoin(t, and(eq(t.workspaceId, r.workspaceId), eq(t.id, r.recordId)))
      .where(and(ofThisImport, eq(r.action, 'updated')));
    await updateRowsByVersion(tx, kind.table, ctx.workspaceId, updated.map((u) => ({ id: u.id!, version: u.version, values: u.previous ?? {} })), { updatedAt: new Date(), updatedBy: ctx.actor.userId });

    const [row] = await tx.update(imports).set({ status: 'undone', updatedAt: new Date() }).where(and(eq(imports.workspaceId, ctx.workspaceId), eq(imports.id, id))).returning();
    const counts = { created: current.created, updated: current.updated, forced: changed.length > 0 };
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'import_undo', object: current.object, recordId: id, summary: current.fileName, newValues: counts, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
    await emitEvents(tx, [{ workspaceId: ctx.workspaceId, event: IMPORT_EVENTS.undone, payload: { importId: id, object: current.object }, actorUserId: ctx.actor.userId }]);
    return toImportView(row);
  });
}
