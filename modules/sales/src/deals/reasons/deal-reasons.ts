import { and, asc, count, eq, max } from 'drizzle-orm';
import type { TCreateDealReasonRequest, TDealReason, TUpdateDealReasonRequest } from '@voyage/contracts';
import { AppError, newId, notFound, runInTransaction, translate, writeAudit, type Context } from '@voyage/kernel';
import { dealReasons, deals } from '../../db/pipelines';
import { DEAL_ERRORS } from '../deal-messages';

type Row = typeof dealReasons.$inferSelect;
const toWire = (r: Row): TDealReason => ({ id: r.id, kind: r.kind === 'won' ? 'won' : 'lost', labels: r.labels, position: r.position, active: r.active });
const cleanLabels = (labels: Record<string, string | undefined>) => Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => Boolean(e[1])));

/** The won/lost reasons of the workspace in their order (active ones only unless asked). */
export async function listDealReasons(ctx: Context, query: { kind?: 'won' | 'lost'; includeInactive?: 'true' | 'false' }): Promise<TDealReason[]> {
  const rows = await ctx.db.select().from(dealReasons)
    .where(and(eq(dealReasons.workspaceId, ctx.workspaceId), query.kind ? eq(dealReasons.kind, query.kind) : undefined, query.includeInactive === 'true' ? undefined : eq(dealReasons.active, true)))
    .orderBy(asc(dealReasons.kind), asc(dealReasons.position), asc(dealReasons.id));
  return rows.filter((r) => r.kind !== 'disqualified').map(toWire);
}

/** Adds a reason at the end of its list (or at `position`). */
export async function createDealReason(ctx: Context, input: TCreateDealReasonRequest): Promise<TDealReason> {
  return runInTransaction(ctx, async (tx) => {
    const [last] = await tx.db.select({ position: max(dealReasons.position) }).from(dealReasons).where(and(eq(dealReasons.workspaceId, tx.workspaceId), eq(dealReasons.kind, input.kind)));
    const id = newId();
    const [row] = await tx.db.insert(dealReasons).values({
      workspaceId: tx.workspaceId, id, kind: input.kind, key: id, labels: cleanLabels(input.labels), position: input.position ?? (last?.position ?? -1) + 1, active: input.active ?? true,
    }).returning();
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'create', object: 'deal_reason', recordId: id, summary: Object.values(row.labels)[0], newValues: toWire(row), actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    return toWire(row);
  });
}

/** Renames, reorders, or switches a reason on or off (deals keep the reason they were closed with). */
export async function updateDealReason(ctx: Context, id: string, input: TUpdateDealReasonRequest): Promise<TDealReason> {
  return runInTransaction(ctx, async (tx) => {
    const where = and(eq(dealReasons.workspaceId, tx.workspaceId), eq(dealReasons.id, id));
    const [before] = await tx.db.select().from(dealReasons).where(where).for('update');
    if (!before) throw notFound('deal_reason');
    const [row] = await tx.db.update(dealReasons).set({
      ...(input.labels ? { labels: cleanLabels(input.labels) } : {}), ...(input.position !== undefined ? { position: input.position } : {}), ...(input.active !== undefined ? { active: input.active } : {}),
    }).where(where).returning();
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'update', object: 'deal_reason', recordId: id, summary: Object.values(row.labels)[0], oldValues: toWire(before), newValues: toWire(row), actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    return toWire(row);
  });
}

/** Deletes a reason no deal was closed with (409 otherwise: switch it off instead). */
export async function deleteDealReason(ctx: Context, id: string): Promise<void> {
  await runInTransaction(ctx, async (tx) => {
    const where = and(eq(dealReasons.workspaceId, tx.workspaceId), eq(dealReasons.id, id));
    const [row] = await tx.db.select().from(dealReasons).where(where).for('update');
    if (!row) throw notFound('deal_reason');
    const [used] = await tx.db.select({ n: count() }).from(deals).where(and(eq(deals.workspaceId, tx.workspaceId), eq(deals.closeReasonId, id)));
    if (Number(used.n) > 0) throw new AppError(DEAL_ERRORS.reasonInUse, { message: translate(tx.locale, DEAL_ERRORS.reasonInUse, { count: Number(used.n) }) });
    await tx.db.delete(dealReasons).where(where);
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'delete', object: 'deal_reason', recordId: id, summary: Object.values(row.labels)[0], oldValues: toWire(row), actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
  });
}
