import { and, eq, sql } from 'drizzle-orm';
import type { TUpdateDealRequest } from '@voyage/contracts';
import { DEAL_EVENTS } from '@voyage/contracts';
import { AppError, assertFieldsUnlocked, assertWritableFields, changedFieldNames, diffValues, emitEvents, translate, writeAudit, type Context } from '@voyage/kernel';
import { DEAL_ERRORS } from './deal-messages';
import { dealContacts, deals } from '../db/pipelines';
import { checkDealInput } from './check-deal-input';
import { dealToWire } from './deal-wire';
import { getDeal } from './get-deal';
import { loadDeal } from './load-deal';
import { dealActivity } from './deal-activity';
import { runInTransaction } from '@voyage/kernel';

/** Changes a deal's fields (not its stage: that is a move). Send the version read. */
export async function updateDeal(ctx: Context, id: string, input: TUpdateDealRequest): Promise<Record<string, unknown>> {
  assertWritableFields(ctx.actor, 'deal', input);
  return runInTransaction(ctx, async (tx) => {
    const current = await loadDeal(tx, id, 'update', { forUpdate: true });
    if (current.version !== input.version) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: current.version } });
    // With product lines, the amount and its currency follow the lines (PUT /deals/:id/lines).
    if (current.hasLines) {
      const field = input.amountMinor !== undefined && input.amountMinor !== current.amountMinor ? 'amountMinor' : input.currency !== undefined && input.currency !== current.currency ? 'currency' : null;
      if (field) throw new AppError(DEAL_ERRORS.amountFollowsLines, { params: { field }, details: { fields: [{ field, code: 'follows_lines', message: translate(tx.locale, DEAL_ERRORS.amountFollowsLines, { field }) }] } });
    }
    const [custom] = await checkDealInput(tx, [{ input, mode: 'update' }]);
    const { version: _v, custom: _c, ...fields } = input;
    const changes: Record<string, unknown> = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    if (input.custom !== undefined) changes.custom = { ...current.custom, ...custom };
    const now = new Date();
    await tx.db.update(deals).set({ ...changes, ...dealActivity(now), version: sql`${deals.version} + 1`, updatedAt: now, updatedBy: tx.actor.userId })
      .where(and(eq(deals.workspaceId, tx.workspaceId), eq(deals.id, id)));
    if (input.primaryContactId) {
      await tx.db.insert(dealContacts).values({ workspaceId: tx.workspaceId, dealId: id, contactId: input.primaryContactId, isPrimary: true, createdBy: tx.actor.userId })
        .onConflictDoUpdate({ target: [dealContacts.workspaceId, dealContacts.dealId, dealContacts.contactId], set: { isPrimary: true } });
    }
    const { oldValues, newValues } = diffValues(dealToWire(current), dealToWire({ ...current, ...changes } as typeof current));
    // Fields guarded by a pending approval stay as they are (the transaction rolls back).
    await assertFieldsUnlocked(tx.db, tx.workspaceId, 'deal', id, changedFieldNames(oldValues, newValues), tx.locale);
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'update', object: 'deal', recordId: id, summary: current.name, oldValues, newValues, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    // Workflows' "field changed" triggers read which fields changed, and from what.
    if (Object.keys(newValues).length) {
      const ownerId = (changes.ownerId as string | null | undefined) ?? current.ownerId;
      await emitEvents(tx.db, { workspaceId: tx.workspaceId, event: DEAL_EVENTS.updated, payload: { id, ownerId, changes: newValues, previous: oldValues }, actorUserId: tx.actor.userId });
    }
    return getDeal(tx, id);
  });
}
