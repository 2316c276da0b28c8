import { auditLog } from '../db/schema';
import type { Queryable } from '../db/client';
import { newId } from '../ids';
import { insertRows } from '../records/insert-rows';

export interface AuditEntry {
  workspaceId: string;
  action: string;
  object: string;
  recordId?: string | null;
  summary?: string | null;
  oldValues?: unknown;
  newValues?: unknown;
  actorUserId?: string | null;
  actorApiKeyId?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

/** Writes audit rows; call inside the transaction that makes the change. */
export async function writeAudit(db: Queryable, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await insertRows(
    db,
    auditLog,
    list.map((e) => ({
      workspaceId: e.workspaceId,
      id: newId(),
      action: e.action,
      object: e.object,
      recordId: e.recordId ?? null,
      summary: e.summary ?? null,
      oldValues: e.oldValues ?? null,
      newValues: e.newValues ?? null,
      actorUserId: e.actorUserId ?? null,
      actorApiKeyId: e.actorApiKeyId ?? null,
      ip: e.ip ?? null,
      requestId: e.requestId ?? null,
    })),
  );
}

/** Only the keys whose values differ, as { old, new } pairs for the audit row. */
export function diffValues(before: Record<string, unknown>, after: Record<string, unknown>, ignore: string[] = ['updatedAt', 'version', 'updatedBy']): { oldValues: Record<string, unknown>; newValues: Record<string, unknown> } {
  const oldValues: Record<string, unknown> = {};
  const newValues: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignore.includes(key)) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      oldValues[key] = before[key];
      newValues[key] = after[key];
    }
  }
  return { oldValues, newValues };
}

/**
 * The fields of `input` that differ from `current`, as the update to apply and the previous
 * values for the audit row. Undefined inputs mean "not given".
 */
export function pickChanges<F extends string>(current: Partial<Record<F, unknown>>, input: Partial<Record<F, unknown>>, fields: readonly F[]): { changes: Record<string, unknown>; previous: Record<string, unknown> } {
  const changes: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const key of fields) {
    if (input[key] !== undefined && input[key] !== current[key]) {
      changes[key] = input[key];
      previous[key] = current[key];
    }
  }
  return { changes, previous };
}
