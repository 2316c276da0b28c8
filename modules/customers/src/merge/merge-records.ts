import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TMergeRequest, TMergeResponse } from '@voyage/contracts';
import { AppError, assertCan, emitEvents, newId, scopedWhere, translate, validationError, writeAudit, type Context, type FieldIssue } from '@voyage/kernel';
import { duplicatePairs, recordMerges } from '../db/duplicates';
import type { contacts } from '../db/schema';
import { timelineEntries } from '../db/timeline';
import { toWire, type RecordKind } from '../record-kinds';
import { runInTransaction } from '@voyage/kernel';
import { updateRecords } from '../use-cases/update-records';
import { moveRelatedRows } from './move-related-rows';
import './messages';

type Row = typeof contacts.$inferSelect;

/**
 * Merges `mergedId` into `survivorId` (C5), all in one transaction:
 * 1. every related row moves to the survivor (follow-ups, timeline, links, lists, shares…);
 * 2. the chosen values are written to the survivor through the ordinary update, so they are
 *    validated, audited and announced like any edit; tags are the union of both;
 * 3. the merged record goes to the trash, marked as merged into the survivor;
 * 4. the merge is recorded (record_merges with the merged record as it was, the audit log,
 *    the survivor's timeline) and a merge event lets other modules move their rows.
 * The actor needs `update` on the survivor and `delete` on the merged record.
 */
export async function mergeRecords(ctx: Context, kind: RecordKind, input: TMergeRequest): Promise<TMergeResponse> {
  assertCan(ctx.actor, kind.object, 'update');
  assertCan(ctx.actor, kind.object, 'delete');
  if (input.survivorId === input.mergedId) {
    throw new AppError('customers.merge_same_record', { details: { fields: [{ field: 'mergedId', code: 'same_record', message: translate(ctx.locale, 'customers.merge_same_record') }] } });
  }
  const t = kind.table as typeof contacts;
  return runInTransaction(ctx, async (tx) => {
    await assertSameWorkspace(tx, kind, input);
    const survivor = await loadForMerge(tx, kind, input.survivorId, 'update', 'survivorId');
    const merged = await loadForMerge(tx, kind, input.mergedId, 'delete', 'mergedId');
    if (survivor.version !== input.survivorVersion) throw new AppError('version_conflict', { details: { field: 'survivorVersion', id: survivor.id, currentVersion: survivor.version } });
    if (merged.version !== input.mergedVersion) throw new AppError('version_conflict', { details: { field: 'mergedVersion', id: merged.id, currentVersion: merged.version } });
    if (input.pairId) await assertPair(tx, kind, input);

    const changes = chosenValues(tx, kind, survivor, merged, input.values);
    const mergeId = newId();
    const moved = await moveRelatedRows(tx, { object: kind.object, survivorId: survivor.id, mergedId: merged.id });

    // Moving links may have touched the survivor (its account_id mirror): write on top of it.
    const [current] = await tx.db.select({ version: t.version }).from(t).where(and(eq(t.workspaceId, tx.workspaceId), eq(t.id, survivor.id)));
    const [record] = Object.keys(changes).length
      ? await updateRecords(tx, kind, [{ id: survivor.id, version: current.version, ...changes }], { pathOf: () => 'values.' })
      : [toWire((await tx.db.select().from(t).where(and(eq(t.workspaceId, tx.workspaceId), eq(t.id, survivor.id))))[0])];

    const now = new Date();
    await tx.db.update(t).set({ deletedAt: now, mergedIntoId: survivor.id, updatedAt: now, updatedBy: tx.actor.userId, version: sql`${t.version} + 1` })
      .where(and(eq(t.workspaceId, tx.workspaceId), eq(t.id, merged.id)));
    const choices = Object.fromEntries(Object.entries(input.values).filter(([, side]) => side === 'merged'));
    await tx.db.insert(recordMerges).values({ workspaceId: tx.workspaceId, id: mergeId, object: kind.object, survivorId: survivor.id, mergedId: merged.id, choices, mergedSnapshot: toWire(merged), moved, mergedBy: tx.actor.userId, mergedAt: now });
    await tx.db.update(duplicatePairs).set({ status: 'merged', resolvedAt: now, resolvedBy: tx.actor.userId })
      .where(and(eq(duplicatePairs.workspaceId, tx.workspaceId), eq(duplicatePairs.object, kind.object), eq(duplicatePairs.recordAId, [survivor.id, merged.id].sort()[0]), eq(duplicatePairs.recordBId, [survivor.id, merged.id].sort()[1])));

    const actor = { actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, ip: tx.ip, requestId: tx.requestId };
    await writeAudit(tx.db, [
      { workspaceId: tx.workspaceId, action: 'merge', object: kind.object, recordId: survivor.id, summary: `${merged.name} → ${survivor.name}`, oldValues: { mergedId: merged.id, mergedName: merged.name }, newValues: { mergeId, choices, moved }, ...actor },
      { workspaceId: tx.workspaceId, action: 'delete', object: kind.object, recordId: merged.id, summary: merged.name, oldValues: { deletedAt: null }, newValues: { deletedAt: now.toISOString(), mergedIntoId: survivor.id }, ...actor },
    ]);
    await tx.db.insert(timelineEntries).values({
      workspaceId: tx.workspaceId, id: newId(), subjectType: kind.object, subjectId: survivor.id, kind: 'merged', occurredAt: now, actorUserId: tx.actor.userId,
      title: translate(tx.locale, 'timeline.merged', { name: merged.name }), data: { mergeId, mergedId: merged.id, mergedName: merged.name, moved }, sourceEventId: `merge:${mergeId}`,
    });
    await emitEvents(tx.db, [{ workspaceId: tx.workspaceId, event: kind.events.merged, payload: { object: kind.object, survivorId: survivor.id, mergedId: merged.id, mergeId }, actorUserId: tx.actor.userId }]);
    return { mergeId, record: record as Record<string, unknown>, moved };
  });
}

/**
 * A record id that exists, but in another workspace, is refused as such (422) rather than
 * "not found": the ids come from the caller, and mixing workspaces is a mistake to name.
 * This looks only at workspace ids and returns nothing of the other workspace's record.
 */
async function assertSameWorkspace(tx: Context, kind: RecordKind, input: TMergeRequest): Promise<void> {
  const t = kind.table as typeof contacts;
  const rows = await tx.db.select({ id: t.id, workspaceId: t.workspaceId }).from(t).where(inArray(t.id, [input.survivorId, input.mergedId]));
  const foreign = rows.find((r) => r.workspaceId !== tx.workspaceId);
  if (foreign) {
    const field = foreign.id === input.survivorId ? 'survivorId' : 'mergedId';
    throw new AppError('customers.merge_other_workspace', { details: { fields: [{ field, code: 'other_workspace', message: translate(tx.locale, 'customers.merge_other_workspace') }] } });
  }
}

/** The record, locked for the merge, as the actor may change it; trash and other scopes refused. */
async function loadForMerge(tx: Context, kind: RecordKind, id: string, access: 'update' | 'delete', field: string): Promise<Row> {
  const t = kind.table as typeof contacts;
  const scope = await scopedWhere(tx, t, kind.object, { access, includeDeleted: true });
  const [row] = await tx.db.select().from(t).where(and(scope, eq(t.id, id))).for('update');
  if (!row) {
    throw new AppError('not_found', { params: { what: kind.object }, details: { fields: [{ field, code: 'not_found', message: translate(tx.locale, 'field.not_found', { field }) }] } });
  }
  if (row.deletedAt) throw new AppError('customers.merge_deleted', { params: { field }, details: { fields: [{ field, code: 'deleted', message: translate(tx.locale, 'customers.merge_deleted', { field }) }] } });
  return row;
}

async function assertPair(tx: Context, kind: RecordKind, input: TMergeRequest): Promise<void> {
  const [a, b] = [input.survivorId, input.mergedId].sort();
  const [pair] = await tx.db.select({ id: duplicatePairs.id }).from(duplicatePairs)
    .where(and(eq(duplicatePairs.workspaceId, tx.workspaceId), eq(duplicatePairs.id, input.pairId!), eq(duplicatePairs.object, kind.object), eq(duplicatePairs.recordAId, a), eq(duplicatePairs.recordBId, b)));
  if (!pair) throw new AppError('customers.duplicate_pair_mismatch', { params: { field: 'pairId' }, details: { fields: [{ field: 'pairId', code: 'mismatch', message: translate(tx.locale, 'customers.duplicate_pair_mismatch', { field: 'pairId' }) }] } });
}

/**
 * The survivor's changes: each field chosen from the merged record takes its value; tags
 * become the union. Unknown fields are refused, naming `values.<field>`.
 */
function chosenValues(tx: Context, kind: RecordKind, survivor: Row, merged: Row, values: TMergeRequest['values']): Record<string, unknown> {
  const issues: FieldIssue[] = [];
  const changes: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  const mergedRow = merged as unknown as Record<string, unknown>;
  for (const [field, side] of Object.entries(values)) {
    const customKey = field.startsWith('custom.') ? field.slice('custom.'.length) : null;
    const known = customKey ? customKey.length > 0 : kind.writable.includes(field) && field !== 'tags';
    if (!known) { issues.push({ field: `values.${field}`, code: 'unknown_field', message: translate(tx.locale, 'customers.merge_unknown_field', { field: `values.${field}` }) }); continue; }
    if (side !== 'merged') continue;
    if (customKey) custom[customKey] = merged.custom[customKey] ?? null;
    else changes[field] = mergedRow[field] ?? null;
  }
  if (issues.length) throw validationError(issues);
  const tags = [...new Set([...survivor.tags, ...merged.tags])];
  if (tags.length !== survivor.tags.length) changes.tags = tags;
  if (Object.keys(custom).length) changes.custom = custom;
  return changes;
}
