import { AppError, assertCapability, newId, translate, writeAudit, type Context } from '@voyage/kernel';
import type { TContactRole, TCreateContactRoleRequest } from '@voyage/contracts';
import { contactRoles } from '../db/relationships';
import { loadContactRoles } from './contact-role-catalog';

/** Adds a workspace role; the key must not clash with a built-in or existing one. */
export async function createContactRole(ctx: Context, input: TCreateContactRoleRequest): Promise<TContactRole> {
  assertCapability(ctx.actor, 'settings.custom_fields');
  return ctx.database.db.transaction(async (tx) => {
    const existing = await loadContactRoles({ db: tx, workspaceId: ctx.workspaceId });
    const taken = () => new AppError('duplicate', { details: { fields: [{ field: 'key', code: 'duplicate', message: translate(ctx.locale, 'customers.relationships.role_taken', { key: input.key }) }] } });
    if (existing.some((r) => r.key === input.key)) throw taken();
    // A concurrent insert of the same key loses on the unique index instead of failing with a 500.
    const [row] = await tx.insert(contactRoles).values({ workspaceId: ctx.workspaceId, id: newId(), key: input.key, labels: input.labels, color: input.color ?? null, createdBy: ctx.actor.userId }).onConflictDoNothing().returning();
    if (!row) throw taken();
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'create', object: 'contact_role', recordId: row.id, summary: input.labels[ctx.locale] ?? input.key, newValues: { key: input.key, labels: input.labels }, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
    return { key: row.key, builtIn: false, labels: row.labels, color: row.color };
  });
}
