import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Context } from '../context';
import { customFieldDefs } from '../db/schema';
import { notFound } from '../errors';
import { writeAudit } from '../audit/write-audit';
import { emitEvents } from '../events/outbox';
import { assertCapability } from '../permissions/check';
import { invalidateCustomFieldDefs } from './load-custom-field-defs';

/**
 * Retires a field definition. Stored values stay in each record's `custom` column, so
 * nothing is lost; they are no longer validated, listed or filterable.
 */
export async function deleteCustomField(ctx: Context, id: string): Promise<void> {
  assertCapability(ctx.actor, 'settings.custom_fields');
  const object = await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(customFieldDefs)
      .set({ deletedAt: new Date(), updatedAt: new Date(), updatedBy: ctx.actor.userId, version: sql`${customFieldDefs.version} + 1` })
      .where(and(eq(customFieldDefs.workspaceId, ctx.workspaceId), eq(customFieldDefs.id, id), isNull(customFieldDefs.deletedAt)))
      .returning();
    if (!row) throw notFound('custom_field');
    const { createdAt: _c, updatedAt: _u, deletedAt: _d, ...oldValues } = row;
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'delete', object: 'custom_field', recordId: id, summary: `${row.object}.${row.key}`, oldValues, newValues: { deletedAt: row.deletedAt }, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
    await emitEvents(tx, { workspaceId: ctx.workspaceId, event: 'platform.custom_field.deleted', payload: { id, object: row.object, key: row.key }, actorUserId: ctx.actor.userId });
    return row.object;
  });
  invalidateCustomFieldDefs(ctx.workspaceId, object);
}
