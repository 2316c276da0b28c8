import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { applyFieldSecurity, schema, scopedWhere } from '@voyage/kernel';
import { accounts, contacts } from '../db/schema';
import { bestRank, digitsMatch, searchable, textMatch } from './match-conditions';
import { joinSubtitle, type SearchProvider } from './search-provider';

/** Contacts by name (any 2+ characters), email prefix and phone digits. */
export const contactSearch: SearchProvider = {
  type: 'contact',
  object: 'contact',
  async search(ctx, query, limit) {
    const t = contacts;
    const scope = await scopedWhere(ctx, t, 'contact');
    const name = textMatch(t.searchGrams, sql`voyage_search_text(${t.name})`, query);
    const matches: SQL[] = [];
    const ranks: SQL[] = [];
    if (query.matchesNames) matches.push(name.where);
    if (query.emailPattern && searchable(ctx.actor, 'contact', ['email'])) {
      matches.push(sql`${t.email} like ${query.emailPattern}`);
      ranks.push(sql`when ${t.email} like ${query.emailPattern} then 1`);
    }
    if (query.digits && searchable(ctx.actor, 'contact', ['phone', 'mobile'])) {
      const digits = digitsMatch(t.phoneDigits, query.digits);
      matches.push(digits.where);
      ranks.push(sql`when ${digits.endsWith} then 1`);
    }
    if (!matches.length) return [];
    const rows = await ctx.db
      .select({
        id: t.id, name: t.name, email: t.email, phone: t.phone, mobile: t.mobile, title: t.title,
        accountName: accounts.name, ownerName: schema.users.name,
      })
      .from(t)
      .leftJoin(accounts, and(eq(accounts.workspaceId, t.workspaceId), eq(accounts.id, t.accountId)))
      .leftJoin(schema.users, eq(schema.users.id, t.ownerId))
      .where(and(scope, or(...matches)))
      .orderBy(bestRank(name.rank, ranks), sql`${name.similarity} desc`, sql`length(${t.name})`, t.name, t.id)
      .limit(limit);
    return applyFieldSecurity(ctx.actor, 'contact', rows).map((r) => ({
      type: 'contact',
      id: r.id,
      title: r.name ?? '',
      subtitle: joinSubtitle([r.accountName, r.title, r.email ?? r.mobile ?? r.phone]),
      ownerName: r.ownerName,
    }));
  },
};
