import { and, desc, eq, or, sql } from 'drizzle-orm';
import { schema, type Context } from '@voyage/kernel';
import { accounts } from '../db/schema';
import { liveRecords } from './duplicate-candidates';

/** Enough companies to compare names against; more similar ones than this are not a duplicate warning any more. */
const MAX_SIMILAR_ACCOUNTS = 50;

/**
 * Accounts whose name key (normalize/company-name) equals `key` or is trigram-similar to it
 * from `threshold` on. On PostgreSQL the `%` operator lets the trigram index find candidates
 * from pg_trgm.similarity_threshold (0.3); the threshold then keeps the close ones. PGlite's
 * pg_trgm answers `%` wrongly (no rows for identical strings), so there the similarity alone
 * decides, over the few accounts an embedded workspace holds.
 */
export async function findSimilarAccounts(ctx: Context, key: string, threshold: number, excludeId?: string): Promise<Array<{ id: string; name: string; ownerName: string | null; score: number }>> {
  if (!key) return [];
  const t = accounts;
  const similarity = sql<number>`similarity(${t.nameKey}, ${key})`;
  const similar = ctx.database.kind === 'postgres' ? and(sql`${t.nameKey} % ${key}`, sql`${similarity} >= ${threshold}`) : sql`${similarity} >= ${threshold}`;
  const rows = await ctx.db
    .select({ id: t.id, name: t.name, ownerName: schema.users.name, score: similarity })
    .from(t)
    .leftJoin(schema.users, eq(schema.users.id, t.ownerId))
    .where(and(liveRecords(ctx, t, excludeId), or(eq(t.nameKey, key), similar)))
    .orderBy(desc(similarity))
    .limit(MAX_SIMILAR_ACCOUNTS);
  return rows.map((r) => ({ ...r, score: Number(r.score) }));
}
