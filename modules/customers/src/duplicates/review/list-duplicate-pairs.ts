import { and, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { TDuplicatePair, TDuplicatePairListQuery, TDuplicatePairListResponse, TDuplicatePairRecord } from '@voyage/contracts';
import { AppError, applyFieldSecurity, assertCan, decodePairCursor, encodePairCursor, notFound, scopedWhere, schema, type Context } from '@voyage/kernel';
import { duplicatePairs } from '../../db/duplicates';
import { accounts, contacts } from '../../db/schema';
import { accountKind, contactKind } from '../../record-kinds';
import { latestScan } from '../scan/duplicate-scan.job';
import { toScanView } from '../scan/start-duplicate-scan';

type PairRow = typeof duplicatePairs.$inferSelect;

/**
 * Pairs in the queue whose two records the actor may both see (the scope applies to each).
 * Resolved pairs (merged, dismissed) may name a record now in the trash.
 */
async function visiblePairs(ctx: Context, object: 'contact' | 'account', includeDeleted = false): Promise<SQL> {
  const t = object === 'contact' ? contacts : accounts;
  const scope = await scopedWhere(ctx, t as typeof contacts, object, { includeDeleted });
  const visible = ctx.db.select({ id: t.id }).from(t).where(scope);
  const p = duplicatePairs;
  return and(eq(p.workspaceId, ctx.workspaceId), eq(p.object, object), inArray(p.recordAId, visible), inArray(p.recordBId, visible))!;
}

/** The review queue (C5): strongest pairs first, with both records side by side. */
export async function listDuplicatePairs(ctx: Context, query: TDuplicatePairListQuery): Promise<TDuplicatePairListResponse> {
  assertCan(ctx.actor, query.object, 'read');
  const p = duplicatePairs;
  const base = await visiblePairs(ctx, query.object, query.status !== 'open');
  let after: SQL | undefined;
  if (query.cursor) {
    const [score, id] = decodePairCursor(query.cursor, ctx.locale, 'text');
    after = or(sql`${p.score} < ${score}::real`, and(sql`${p.score} = ${score}::real`, sql`${p.id} > ${id}`));
  }
  const page = await ctx.db.select().from(p).where(and(base, eq(p.status, query.status), after)).orderBy(desc(p.score), p.id).limit(query.limit + 1);
  const more = page.length > query.limit;
  const items = page.slice(0, query.limit);
  const [{ n }] = await ctx.db.select({ n: count() }).from(p).where(and(query.status === 'open' ? base : await visiblePairs(ctx, query.object), eq(p.status, 'open')));
  const scan = await latestScan(ctx.database, ctx.workspaceId, query.object);
  const last = items.at(-1);
  return {
    items: await withRecords(ctx, query.object, items),
    nextCursor: more && last ? encodePairCursor(String(last.score), last.id) : null,
    openCount: n,
    latestScan: scan ? toScanView(scan) : null,
  };
}

/** Marks a pair as "not duplicates": the finder will not propose it again. */
export async function dismissDuplicatePair(ctx: Context, id: string): Promise<TDuplicatePair> {
  const p = duplicatePairs;
  const [pair] = await ctx.db.select({ object: p.object }).from(p).where(and(eq(p.workspaceId, ctx.workspaceId), eq(p.id, id)));
  if (!pair) throw notFound('duplicate_pair');
  const object = pair.object as 'contact' | 'account';
  assertCan(ctx.actor, object, 'update');
  const [row] = await ctx.db.update(p).set({ status: 'dismissed', resolvedAt: new Date(), resolvedBy: ctx.actor.userId })
    .where(and(await visiblePairs(ctx, object), eq(p.id, id), eq(p.status, 'open'))).returning();
  if (!row) {
    const [current] = await ctx.db.select({ status: p.status }).from(p).where(and(await visiblePairs(ctx, object), eq(p.id, id)));
    if (!current) throw notFound('duplicate_pair');
    throw new AppError('conflict', { details: { field: 'status', current: current.status } });
  }
  return (await withRecords(ctx, object, [row]))[0];
}

/** Summaries of the pairs' records as the actor may see them (field security applied). */
async function withRecords(ctx: Context, object: 'contact' | 'account', pairs: PairRow[]): Promise<TDuplicatePair[]> {
  if (!pairs.length) return [];
  const ids = [...new Set(pairs.flatMap((p) => [p.recordAId, p.recordBId]))];
  const users = schema.users;
  let summaries: Array<Record<string, unknown>>;
  if (object === 'contact') {
    const c = contacts;
    summaries = await ctx.db.select({ id: c.id, name: c.name, email: c.email, phone: c.phone, mobile: c.mobile, accountName: accounts.name, ownerName: users.name, createdAt: c.createdAt, followUpCount: c.followUpCount })
      .from(c).leftJoin(accounts, and(eq(accounts.workspaceId, c.workspaceId), eq(accounts.id, c.accountId))).leftJoin(users, eq(users.id, c.ownerId))
      .where(and(eq(c.workspaceId, ctx.workspaceId), inArray(c.id, ids)));
  } else {
    const a = accounts;
    summaries = await ctx.db.select({ id: a.id, name: a.name, phone: a.phone, industry: a.industry, region: a.region, ownerName: users.name, createdAt: a.createdAt, followUpCount: a.followUpCount })
      .from(a).leftJoin(users, eq(users.id, a.ownerId)).where(and(eq(a.workspaceId, ctx.workspaceId), inArray(a.id, ids)));
  }
  const kind = object === 'contact' ? contactKind : accountKind;
  const secured: Array<Record<string, unknown>> = applyFieldSecurity(ctx.actor, kind.object, summaries.map(({ accountName, ownerName, createdAt, ...fields }) => ({ ...fields, _accountName: accountName, _ownerName: ownerName, _createdAt: createdAt })));
  const byId = new Map(secured.map((r) => [r.id as string, r]));
  const view = (id: string): TDuplicatePairRecord => {
    const r: Record<string, unknown> = byId.get(id) ?? { id };
    return {
      id,
      name: (r.name as string | undefined) ?? null,
      email: r.email as string | null | undefined,
      phone: r.phone as string | null | undefined,
      mobile: r.mobile as string | null | undefined,
      industry: r.industry as string | null | undefined,
      region: r.region as string | null | undefined,
      accountName: (r._accountName as string | null | undefined) ?? null,
      ownerName: (r._ownerName as string | null | undefined) ?? null,
      createdAt: r._createdAt instanceof Date ? r._createdAt.toISOString() : String(r._createdAt ?? ''),
      followUpCount: Number(r.followUpCount ?? 0),
    };
  };
  return pairs.map((p) => ({ id: p.id, object, score: Number(p.score), reasons: p.reasons as TDuplicatePair['reasons'], status: p.status as TDuplicatePair['status'], foundAt: p.foundAt.toISOString(), a: view(p.recordAId), b: view(p.recordBId) }));
}
