import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { applyFieldSecurity, schema, scopedWhere } from '@voyage/kernel';
import { accounts } from '../db/schema';
import { bestRank, digitsMatch, searchable, textMatch } from './match-conditions';
import { joinSubtitle, type SearchProvider } from './search-provider';

/** Accounts by name or legal name (any 2+ characters) and phone digits. */
export const accountSearch: SearchProvider = {
  type: 'account',
  object: 'account',
  async search(ctx, query, limit) {
    const t = accounts;
    const scope = await scopedWhere(ctx, t, 'account');
    // The same expression the search_grams column is generated from.
    const names = textMatch(t.searchGrams, sql`voyage_search_text(${t.name} || ' ' || coalesce(${t.legalName}, ''))`, query);
    const name = textMatch(t.searchGrams, sql`voyage_search_text(${t.name})`, query);
    const matches: SQL[] = [];
    const ranks: SQL[] = [];
    if (query.matchesNames) matches.push(names.where);
    if (query.digits && searchable(ctx.actor, 'account', ['phone'])) {
      const digits = digitsMatch(t.phoneDigits, query.digits);
      matches.push(digits.where);
      ranks.push(sql`when ${digits.endsWith} then 1`);
    }
    if (!matches.length) return [];
    const rows = await ctx.db
      .select({ id: t.id, name: t.name, industry: t.industry, region: t.region, ownerName: schema.users.name })
      .from(t)
      .leftJoin(schema.users, eq(schema.users.id, t.ownerId))
      .where(and(scope, or(...matches)))
      .orderBy(bestRank(name.rank, ranks), sql`${name.similarity} desc`, sql`length(${t.name})`, t.name, t.id)
      .limit(limit);
    return applyFieldSecurity(ctx.actor, 'account', rows).map((r) => ({
      type: 'account',
      id: r.id,
      title: r.name ?? '',
      subtitle: joinSubtitle([r.industry, r.region]),
      ownerName: r.ownerName,
    }));
  },
};
