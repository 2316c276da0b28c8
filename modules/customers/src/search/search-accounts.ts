import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { applyFieldSecurity, schema, scopedWhere } from '@voyage/kernel';
import { accounts } from '../db/schema';
import { bestRank, candidateIds, digitsEnd, digitsMatch, namePrefix, nameRank, SEARCH_CANDIDATE_CAP, searchable, searchText, textMatch } from './match-conditions';
import { customerSearchProvider, joinSubtitle } from './search-provider';

/** Accounts by name or legal name (any 2+ characters) and phone digits. */
export const accountSearch = customerSearchProvider('account', 'account', async (ctx, query, limit) => {
    const t = accounts;
    const c = alias(accounts, 'c');
    const scope = await scopedWhere(ctx, t, 'account');
    const matches: SQL[] = [];
    const ranks: SQL[] = [];
    let prefix: SQL | undefined;
    if (query.matchesNames) {
      const byPrefix = namePrefix(t.searchName, query);
      prefix = sql`${ctx.db.select({ id: t.id }).from(t).where(and(scope, byPrefix.where)).orderBy(byPrefix.order).limit(limit)}`;
      // The same text the search_grams column is generated from: name and legal name.
      matches.push(textMatch(t.searchGrams, sql`voyage_search_text(${t.name} || ' ' || coalesce(${t.legalName}, ''))`, query));
    }
    if (query.digits && searchable(ctx.actor, 'account', ['phone'])) {
      matches.push(digitsMatch(t.phoneDigits, query.digits));
      ranks.push(sql`when ${digitsEnd(c.phoneDigits, query.digits)} then 1`);
    }
    if (!matches.length) return [];
    const any = sql`${ctx.db.select({ id: t.id }).from(t).where(and(scope, or(...matches))).limit(SEARCH_CANDIDATE_CAP)}`;
    const rows = await ctx.db
      .select({ id: c.id, name: c.name, industry: c.industry, region: c.region, ownerName: schema.users.name })
      .from(c)
      .leftJoin(schema.users, eq(schema.users.id, c.ownerId))
      .where(and(eq(c.workspaceId, ctx.workspaceId), sql`${c.id} in ${candidateIds(prefix, any)}`))
      .orderBy(bestRank(nameRank(c.searchName, query), ranks), sql`similarity(${c.searchName}, ${searchText(query)}) desc`, sql`length(${c.name})`, c.name, c.id)
      .limit(limit);
    return applyFieldSecurity(ctx.actor, 'account', rows).map((r) => ({
      type: 'account',
      id: r.id,
      title: r.name ?? '',
      subtitle: joinSubtitle([r.industry, r.region]),
      ownerName: r.ownerName,
    }));
});
