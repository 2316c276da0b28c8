import { emitEvents, writeAudit, type Context } from '@voyage/kernel';
import { TASK_EVENTS, type TaskEventPayload } from './task-events';
import type { TaskRow } from './task-wire';

/** The audit row and the outbox event of one task change, in the caller's transaction. */
export async function recordTaskChange(tx: Context, row: TaskRow, action: keyof typeof TASK_EVENTS, values: { oldValues?: Record<string, unknown>; newValues?: Record<string, unknown> } = {}): Promise<void> {
  const auditAction = action === 'created' ? 'create' : action === 'deleted' ? 'delete' : action === 'restored' ? 'restore' : 'update';
  await writeAudit(tx.db, {
    workspaceId: tx.workspaceId, action: auditAction, object: 'task', recordId: row.id, summary: row.title, ...values,
    actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, ip: tx.ip, requestId: tx.requestId,
  });
  const payload: TaskEventPayload = { id: row.id, kind: row.kind, ownerId: row.ownerId, relatedType: row.relatedType, relatedId: row.relatedId };
  // An update carries what changed, and from what (workflow "field changed" triggers read it).
  const changes = action === 'updated' && values.newValues ? { changes: values.newValues, previous: values.oldValues ?? {} } : {};
  await emitEvents(tx.db, { workspaceId: tx.workspaceId, event: TASK_EVENTS[action], payload: { ...payload, ...changes }, actorUserId: tx.actor.userId });
}
