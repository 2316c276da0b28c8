import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { applyFieldSecurity, schema, scopedWhere } from '@voyage/kernel';
import { accounts, contacts } from '../db/schema';
import { bestRank, candidateIds, digitsEnd, digitsMatch, namePrefix, nameRank, SEARCH_CANDIDATE_CAP, searchable, searchText, textMatch } from './match-conditions';
import { customerSearchProvider, joinSubtitle } from './search-provider';

/** Contacts by name (any 2+ characters), email prefix and phone digits. */
export const contactSearch = customerSearchProvider('contact', 'contact', async (ctx, query, limit) => {
    const t = contacts;
    const c = alias(contacts, 'c');
    const scope = await scopedWhere(ctx, t, 'contact');
    const matches: SQL[] = [];
    const ranks: SQL[] = [];
    let prefix: SQL | undefined;
    if (query.matchesNames) {
      const byPrefix = namePrefix(t.searchName, query);
      prefix = sql`${ctx.db.select({ id: t.id }).from(t).where(and(scope, byPrefix.where)).orderBy(byPrefix.order).limit(limit)}`;
      matches.push(textMatch(t.searchGrams, t.searchName, query));
    }
    if (query.emailPattern && searchable(ctx.actor, 'contact', ['email'])) {
      matches.push(sql`${t.email} like ${query.emailPattern}`);
      ranks.push(sql`when ${c.email} like ${query.emailPattern} then 1`);
    }
    if (query.digits && searchable(ctx.actor, 'contact', ['phone', 'mobile'])) {
      matches.push(digitsMatch(t.phoneDigits, query.digits));
      ranks.push(sql`when ${digitsEnd(c.phoneDigits, query.digits)} then 1`);
    }
    if (!matches.length) return [];
    const any = sql`${ctx.db.select({ id: t.id }).from(t).where(and(scope, or(...matches))).limit(SEARCH_CANDIDATE_CAP)}`;
    const rows = await ctx.db
      .select({
        id: c.id, name: c.name, email: c.email, phone: c.phone, mobile: c.mobile, title: c.title,
        accountName: accounts.name, ownerName: schema.users.name,
      })
      .from(c)
      .leftJoin(accounts, and(eq(accounts.workspaceId, c.workspaceId), eq(accounts.id, c.accountId)))
      .leftJoin(schema.users, eq(schema.users.id, c.ownerId))
      .where(and(eq(c.workspaceId, ctx.workspaceId), sql`${c.id} in ${candidateIds(prefix, any)}`))
      .orderBy(bestRank(nameRank(c.searchName, query), ranks), sql`similarity(${c.searchName}, ${searchText(query)}) desc`, sql`length(${c.name})`, c.name, c.id)
      .limit(limit);
    return applyFieldSecurity(ctx.actor, 'contact', rows).map((r) => ({
      type: 'contact',
      id: r.id,
      title: r.name ?? '',
      subtitle: joinSubtitle([r.accountName, r.title, r.email ?? r.mobile ?? r.phone]),
      ownerName: r.ownerName,
    }));
});
