import { and, inArray } from 'drizzle-orm';
import { AppError, assertCan, assertRecordsUnlocked, changedFieldNames, diffValues, emitEvents, scopedWhere, translate, updateRowsByVersion, writeAudit, type Context } from '@voyage/kernel';
import { toWire, type RecordKind } from '../record-kinds';
import type { contacts } from '../db/schema';
import { assertNoParentCycle } from '../relationships/assert-no-parent-cycle';
import { syncContactLinks } from '../relationships/sync-primary-account';
import { checkRecordInput } from './check-record-input';
import { trackUpdatedRecords } from '../ownership/track-updated-records';
import { runInTransaction } from '@voyage/kernel';

export interface RecordChange {
  id: string;
  version: number;
  [field: string]: unknown;
}

export interface UpdateRecordsOptions {
  pathOf?: (index: number) => string;
}

/**
 * Changes accounts or contacts with optimistic concurrency: a stale `version` is a 409.
 * Records outside the actor's data scope (or in another workspace) are not found.
 * Custom values merge into the stored ones; null clears one.
 */
export async function updateRecords(ctx: Context, kind: RecordKind, changes: RecordChange[], options: UpdateRecordsOptions = {}): Promise<Array<Record<string, unknown>>> {
  assertCan(ctx.actor, kind.object, 'update');
  if (changes.length === 0) return [];
  const pathOf = options.pathOf ?? (() => '');
  const t = kind.table as typeof contacts;
  return runInTransaction(ctx, async (tx) => {
    const scope = await scopedWhere(tx, t, kind.object, { access: 'update' });
    const found = await tx.db.select().from(t).where(and(scope, inArray(t.id, changes.map((c) => c.id))));
    const byId = new Map(found.map((r) => [r.id, r]));
    changes.forEach((c, i) => {
      const current = byId.get(c.id);
      if (!current) throw new AppError('not_found', { params: { what: kind.object }, details: { fields: [{ field: `${pathOf(i)}id`, code: 'not_found', message: translate(tx.locale, 'field.not_found', { field: `${pathOf(i)}id` }) }] } });
      if (current.version !== c.version) throw new AppError('version_conflict', { details: { field: `${pathOf(i)}version`, id: c.id, currentVersion: current.version } });
    });
    // The same record twice in one call: the second change was made against a version the first replaces.
    const seen = new Set<string>();
    changes.forEach((c, i) => {
      if (seen.has(c.id)) throw new AppError('version_conflict', { details: { field: `${pathOf(i)}version`, id: c.id } });
      seen.add(c.id);
    });
    const inputs = changes.map(({ id: _id, version: _v, ...rest }) => rest);
    const { custom, derived } = await checkRecordInput(tx, kind, inputs.map((input, i) => ({ input, mode: 'update', path: pathOf(i), id: changes[i].id })));
    if (kind.object === 'account') await assertNoParentCycle(tx, changes, pathOf);
    const now = new Date();
    const sets = changes.map((change, i) => {
      const before = byId.get(change.id)!;
      const builtIn = Object.fromEntries(kind.writable.filter((f) => inputs[i][f] !== undefined).map((f) => [f, inputs[i][f]]));
      const mergedCustom = { ...before.custom, ...custom[i] };
      for (const key of Object.keys(custom[i])) if (custom[i][key] === null) delete mergedCustom[key];
      return { id: change.id, version: change.version, values: { ...builtIn, ...derived[i], custom: mergedCustom } };
    });
    // One statement per set of changed columns; the version guard keeps each row safe.
    const updated = new Map((await updateRowsByVersion(tx.db, t, tx.workspaceId, sets, { updatedAt: now, updatedBy: tx.actor.userId })).map((row) => [row.id, row]));
    const results = changes.map((change, i) => {
      const row = updated.get(change.id);
      if (!row) throw new AppError('version_conflict', { details: { field: `${pathOf(i)}version`, id: change.id } });
      return toWire(row);
    });
    if (kind.object === 'contact') await syncContactLinks(tx, results, new Map(found.map((r) => [r.id, r.accountId])));
    await trackUpdatedRecords(tx, kind, changes.map((c) => toWire(byId.get(c.id)!)), results);
    const diffs = results.map((after, i) => diffValues(toWire(byId.get(changes[i].id)!), after, ['updatedAt', 'updatedBy', 'version']));
    // Fields guarded by a pending approval stay as they are (the transaction rolls back).
    await assertRecordsUnlocked(tx.db, tx.workspaceId, kind.object, diffs.map((d, i) => ({ id: changes[i].id, fields: changedFieldNames(d.oldValues, d.newValues), path: pathOf(i) })), tx.locale);
    await writeAudit(tx.db, results.map((r, i) => ({
      workspaceId: tx.workspaceId, action: 'update', object: kind.object, recordId: r.id as string, summary: r.name as string,
      oldValues: diffs[i].oldValues, newValues: diffs[i].newValues,
      actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, ip: tx.ip, requestId: tx.requestId,
    })));
    await emitEvents(tx.db, results.map((r, i) => ({ workspaceId: tx.workspaceId, event: kind.events.updated, payload: { id: r.id, object: kind.object, ownerId: r.ownerId ?? null, changes: diffs[i].newValues, previous: diffs[i].oldValues }, actorUserId: tx.actor.userId })));
    return results;
  });
}
