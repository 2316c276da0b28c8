import { and, eq, sql } from 'drizzle-orm';
import { runInTransaction, writeAudit, type Context } from '@voyage/kernel';
import { leads } from '../db/leads';
import { emitLeadEvents } from './lead-events';
import { loadLead } from './load-lead';

/** Moves a lead to the trash (`trashed` true) or restores it. */
export async function setLeadTrashed(ctx: Context, id: string, trashed: boolean): Promise<void> {
  await runInTransaction(ctx, async (tx) => {
    const row = await loadLead(tx, id, 'delete', { onlyDeleted: !trashed, forUpdate: true });
    await tx.db.update(leads).set({ deletedAt: trashed ? new Date() : null, version: sql`${leads.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId })
      .where(and(eq(leads.workspaceId, tx.workspaceId), eq(leads.id, id)));
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: trashed ? 'delete' : 'restore', object: 'lead', recordId: id, summary: row.name, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    await emitLeadEvents(tx, trashed ? 'deleted' : 'restored', [row]);
  });
}
