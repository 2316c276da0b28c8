import { writeAudit, type Context } from '@voyage/kernel';

/** Link changes land in the contact's audit history, naming the account. */
export async function auditLink(tx: Context, contact: { id: string; name: string }, oldValues: Record<string, unknown> | undefined, newValues: Record<string, unknown> | undefined): Promise<void> {
  await writeAudit(tx.db, {
    workspaceId: tx.workspaceId, action: 'update', object: 'contact', recordId: contact.id, summary: contact.name,
    oldValues: oldValues ? { accountLink: oldValues } : undefined, newValues: newValues ? { accountLink: newValues } : undefined,
    actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, ip: tx.ip, requestId: tx.requestId,
  });
}
