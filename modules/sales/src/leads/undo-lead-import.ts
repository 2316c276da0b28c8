import { and, eq, isNull, sql } from 'drizzle-orm';
import type { TLeadImportResult } from '@voyage/contracts';
import { AppError, assertCan, runInTransaction, writeAudit, type Context } from '@voyage/kernel';
import { leadImports, leads } from '../db/leads';
import { importToWire } from './import-leads';
import { emitLeadEvents } from './lead-events';
import { LEAD_ERRORS } from './lead-messages';

/** Moves the leads an import created to the trash (converted ones stay). Only the importer or a holder of the lead delete right may. */
export async function undoLeadImport(ctx: Context, id: string): Promise<TLeadImportResult> {
  assertCan(ctx.actor, 'lead', 'create');
  return runInTransaction(ctx, async (tx) => {
    const [imp] = await tx.db.select().from(leadImports).where(and(eq(leadImports.workspaceId, tx.workspaceId), eq(leadImports.id, id))).for('update');
    if (!imp) throw new AppError('not_found', { params: { what: 'import' } });
    if (imp.createdBy !== tx.actor.userId) assertCan(tx.actor, 'lead', 'delete');
    if (imp.status === 'undone') throw new AppError(LEAD_ERRORS.importUndone);
    const now = new Date();
    const trashed = await tx.db.update(leads).set({ deletedAt: now, version: sql`${leads.version} + 1`, updatedAt: now, updatedBy: tx.actor.userId })
      .where(and(eq(leads.workspaceId, tx.workspaceId), eq(leads.importId, id), isNull(leads.deletedAt), sql`${leads.status} <> 'converted'`)).returning();
    const [row] = await tx.db.update(leadImports).set({ status: 'undone', undoneAt: now }).where(and(eq(leadImports.workspaceId, tx.workspaceId), eq(leadImports.id, id))).returning();
    if (trashed.length) {
      await writeAudit(tx.db, trashed.map((r) => ({ workspaceId: tx.workspaceId, action: 'delete', object: 'lead', recordId: r.id, summary: r.name, newValues: { importUndone: id }, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip })));
      await emitLeadEvents(tx, 'deleted', trashed);
    }
    return importToWire(row);
  });
}
