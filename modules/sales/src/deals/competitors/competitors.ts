import { and, asc, count, eq, ilike, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { TCompetitor, TCreateCompetitorRequest, TUpdateCompetitorRequest } from '@voyage/contracts';
import { AppError, escapeLike, newId, notFound, runInTransaction, translate, writeAudit, type Context } from '@voyage/kernel';
import { competitors, dealCompetitors } from '../../db/pipelines';
import { DEAL_ERRORS } from '../deal-messages';

type Row = typeof competitors.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toWire = (r: Row): TCompetitor => ({
  id: r.id, name: r.name, website: r.website, strengths: r.strengths, weaknesses: r.weaknesses, version: r.version,
  createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), deletedAt: iso(r.deletedAt),
});

/** Competitors of the workspace by name (`trash=true` for deleted ones). */
export async function listCompetitors(ctx: Context, query: { search?: string; trash?: 'true' | 'false' }): Promise<TCompetitor[]> {
  const rows = await ctx.db.select().from(competitors)
    .where(and(eq(competitors.workspaceId, ctx.workspaceId), query.trash === 'true' ? isNotNull(competitors.deletedAt) : isNull(competitors.deletedAt),
      query.search ? ilike(competitors.name, `%${escapeLike(query.search)}%`) : undefined))
    .orderBy(asc(competitors.name)).limit(500);
  return rows.map(toWire);
}

async function assertNameFree(ctx: Context, name: string, exceptId?: string): Promise<void> {
  const [taken] = await ctx.db.select({ id: competitors.id }).from(competitors)
    .where(and(eq(competitors.workspaceId, ctx.workspaceId), eq(competitors.name, name), isNull(competitors.deletedAt), exceptId ? ne(competitors.id, exceptId) : undefined));
  if (taken) throw new AppError(DEAL_ERRORS.competitorNameTaken, { message: translate(ctx.locale, DEAL_ERRORS.competitorNameTaken, { name }), details: { field: 'name' } });
}

export async function createCompetitor(ctx: Context, input: TCreateCompetitorRequest): Promise<TCompetitor> {
  return runInTransaction(ctx, async (tx) => {
    await assertNameFree(tx, input.name);
    const [row] = await tx.db.insert(competitors).values({
      workspaceId: tx.workspaceId, id: newId(), name: input.name, website: input.website || null, strengths: input.strengths || null, weaknesses: input.weaknesses || null,
      createdBy: tx.actor.userId, updatedBy: tx.actor.userId,
    }).returning();
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'create', object: 'competitor', recordId: row.id, summary: row.name, newValues: toWire(row), actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    return toWire(row);
  });
}

export async function updateCompetitor(ctx: Context, id: string, input: TUpdateCompetitorRequest): Promise<TCompetitor> {
  return runInTransaction(ctx, async (tx) => {
    const where = and(eq(competitors.workspaceId, tx.workspaceId), eq(competitors.id, id), isNull(competitors.deletedAt));
    const [before] = await tx.db.select().from(competitors).where(where).for('update');
    if (!before) throw notFound('competitor');
    if (before.version !== input.version) throw new AppError('version_conflict', { details: { field: 'version', id, currentVersion: before.version } });
    if (input.name && input.name !== before.name) await assertNameFree(tx, input.name, id);
    const { version: _v, ...fields } = input;
    const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v === '' ? null : v]));
    const [row] = await tx.db.update(competitors).set({ ...changes, version: sql`${competitors.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId }).where(where).returning();
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: 'update', object: 'competitor', recordId: id, summary: row.name, oldValues: toWire(before), newValues: toWire(row), actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
    return toWire(row);
  });
}

/** Moves a competitor to the trash (only when no open deal lists it) or restores it. */
export async function setCompetitorTrashed(ctx: Context, id: string, trashed: boolean): Promise<void> {
  await runInTransaction(ctx, async (tx) => {
    const where = and(eq(competitors.workspaceId, tx.workspaceId), eq(competitors.id, id), trashed ? isNull(competitors.deletedAt) : isNotNull(competitors.deletedAt));
    const [row] = await tx.db.select().from(competitors).where(where).for('update');
    if (!row) throw notFound('competitor');
    if (trashed) {
      const [used] = await tx.db.select({ n: count() }).from(dealCompetitors).where(and(eq(dealCompetitors.workspaceId, tx.workspaceId), eq(dealCompetitors.competitorId, id), eq(dealCompetitors.status, 'active')));
      if (Number(used.n) > 0) throw new AppError(DEAL_ERRORS.competitorInUse, { message: translate(tx.locale, DEAL_ERRORS.competitorInUse, { count: Number(used.n) }) });
    } else {
      await assertNameFree(tx, row.name, id);
    }
    await tx.db.update(competitors).set({ deletedAt: trashed ? new Date() : null, version: sql`${competitors.version} + 1`, updatedAt: new Date(), updatedBy: tx.actor.userId }).where(where);
    await writeAudit(tx.db, { workspaceId: tx.workspaceId, action: trashed ? 'delete' : 'restore', object: 'competitor', recordId: id, summary: row.name, actorUserId: tx.actor.userId, actorApiKeyId: tx.actor.apiKey?.id, requestId: tx.requestId, ip: tx.ip });
  });
}
