import { and, eq, sql } from 'drizzle-orm';
import { notFound, scopedWhere, writeAudit, type Context } from '@voyage/kernel';
import type { TUpdateOwnershipFlagsRequest } from '@voyage/contracts';
import type { RecordKind } from '../record-kinds';
import { runInTransaction } from '@voyage/kernel';
import { tableOf } from './owned-kinds';

/** Sets a record's customer level or its manual exemption from the reclaim job. */
export async function updateOwnershipFlags(ctx: Context, kind: RecordKind, id: string, input: TUpdateOwnershipFlagsRequest): Promise<void> {
  const t = tableOf(kind);
  await runInTransaction(ctx, async (tx) => {
    const scope = await scopedWhere(tx, t, kind.object, { access: 'update' });
    const [before] = await tx.db.select({ name: t.name, customerLevel: t.customerLevel, reclaimExempt: t.reclaimExempt }).from(t).where(and(scope, eq(t.id, id))).for('update');
    if (!before) throw notFound(kind.object);
    const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length === 0) return;
    await tx.db.update(t).set({ ...set, version: sql`${t.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId }).where(and(eq(t.workspaceId, tx.workspaceId), eq(t.id, id)));
    await writeAudit(tx.db, {
      workspaceId: tx.workspaceId, action: 'update', object: kind.object, recordId: id, summary: before.name,
      oldValues: Object.fromEntries(Object.keys(set).map((k) => [k, before[k as keyof typeof before]])), newValues: set,
      actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, ip: tx.ip, requestId: tx.requestId,
    });
  });
}
