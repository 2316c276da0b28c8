import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { recordLocks } from '../db/schema';
import { AppError, registerErrorCodes } from '../errors';
import type { Locale } from '../i18n/locales';
import { registerMessages, translate } from '../i18n/translate';
import { workflowRecordSource } from '../automation/catalog';

registerErrorCodes({ 'records.locked': 422 });
registerMessages({
  en: { 'errors.records.locked': '{field} is locked while the record awaits approval.' },
  'zh-CN': { 'errors.records.locked': '记录正在审批中，{field}已锁定，不能修改。' },
  'zh-TW': { 'errors.records.locked': '記錄正在審批中，{field}已鎖定，不能修改。' },
});

export interface RecordLock { holderId: string; object: string; recordId: string; fields: string[]; reason: string }

/** Locks fields of a record for a holder (an approval request), inside the caller's transaction. */
export async function lockRecordFields(db: Queryable, workspaceId: string, lock: RecordLock): Promise<void> {
  await db.insert(recordLocks).values({ workspaceId, ...lock })
    .onConflictDoUpdate({ target: [recordLocks.workspaceId, recordLocks.holderId], set: { fields: lock.fields, object: lock.object, recordId: lock.recordId } });
}

/** Releases what a holder locked. */
export async function releaseRecordLock(db: Queryable, workspaceId: string, holderId: string): Promise<void> {
  await db.delete(recordLocks).where(and(eq(recordLocks.workspaceId, workspaceId), eq(recordLocks.holderId, holderId)));
}

/** The locked fields of each record (by record id). */
export async function lockedFieldsOf(db: Queryable, workspaceId: string, object: string, recordIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (recordIds.length === 0) return out;
  const rows = await db.select({ recordId: recordLocks.recordId, fields: recordLocks.fields }).from(recordLocks)
    .where(and(eq(recordLocks.workspaceId, workspaceId), eq(recordLocks.object, object), inArray(recordLocks.recordId, [...new Set(recordIds)])));
  for (const r of rows) {
    const set = out.get(r.recordId) ?? new Set<string>();
    for (const f of r.fields) set.add(f);
    out.set(r.recordId, set);
  }
  return out;
}

/**
 * The field names a change touches, from an audit diff: top-level keys, and `custom.<key>`
 * for each custom value that differs (so a guard on `custom.budget` matches).
 */
export function changedFieldNames(oldValues: Record<string, unknown>, newValues: Record<string, unknown>): string[] {
  const names = new Set<string>();
  for (const key of new Set([...Object.keys(oldValues), ...Object.keys(newValues)])) {
    names.add(key);
    if (key !== 'custom') continue;
    const before = (oldValues.custom ?? {}) as Record<string, unknown>;
    const after = (newValues.custom ?? {}) as Record<string, unknown>;
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) names.add(`custom.${k}`);
    }
  }
  return [...names];
}

/**
 * Refuses (422 `records.locked`, naming the field) a change to a locked field of any of the
 * records. `path` prefixes the field in the error (a batch's `records.2.`).
 */
export async function assertRecordsUnlocked(db: Queryable, workspaceId: string, object: string, changes: Array<{ id: string; fields: string[]; path?: string }>, locale: Locale): Promise<void> {
  const touched = changes.filter((c) => c.fields.length > 0);
  if (touched.length === 0) return;
  const locked = await lockedFieldsOf(db, workspaceId, object, touched.map((c) => c.id));
  for (const change of touched) {
    const fields = locked.get(change.id);
    const field = fields && change.fields.find((f) => fields.has(f));
    if (!field) continue;
    const path = `${change.path ?? ''}${field}`;
    // Named as people know it, when the object's workflow catalogue entry has the field.
    const name = workflowRecordSource(object)?.fields.find((f) => f.key === field)?.labels[locale] ?? field;
    const message = translate(locale, 'errors.records.locked', { field: name });
    throw new AppError('records.locked', { params: { field: name }, details: { fields: [{ field: path, code: 'locked', message }] } });
  }
}

/** The single-record form of `assertRecordsUnlocked`. */
export function assertFieldsUnlocked(db: Queryable, workspaceId: string, object: string, id: string, changedFields: string[], locale: Locale): Promise<void> {
  return assertRecordsUnlocked(db, workspaceId, object, [{ id, fields: changedFields }], locale);
}
