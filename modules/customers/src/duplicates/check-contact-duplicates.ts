import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { TContactDuplicateCheckRequest, TDuplicateCheckResponse } from '@voyage/contracts';
import { assertCan, schema, type Context } from '@voyage/kernel';
import { accounts, contacts } from '../db/schema';
import { companyNameKey } from '../normalize/company-name';
import { loadCustomerSettings } from '../normalize/customer-settings';
import { normalizeEmail } from '../normalize/email';
import { toE164 } from '../normalize/phone';
import { contactKind } from '../record-kinds';
import { DuplicateCandidates, liveRecords, MAX_DUPLICATE_MATCHES } from './duplicate-candidates';
import { findSimilarAccounts } from './find-similar-accounts';

/** A same-named person with no company to confirm it is weaker evidence than a shared email. */
const NAME_ONLY_SCORE = 0.5;

/**
 * Contacts the form's values may duplicate (C5): the same email or phone once normalized,
 * or a similar name at a similar company (trigram similarity of both from the workspace's
 * threshold). Without a company, only the same name (as search compares names) counts.
 */
export async function checkContactDuplicates(ctx: Context, input: TContactDuplicateCheckRequest): Promise<TDuplicateCheckResponse> {
  assertCan(ctx.actor, 'contact', 'read');
  const settings = await loadCustomerSettings(ctx.db, ctx.workspaceId);
  const t = contacts;
  const live = liveRecords(ctx, t, input.excludeId);
  const columns = { id: t.id, name: t.name, ownerName: schema.users.name };
  const owners = eq(schema.users.id, t.ownerId);
  const found = new DuplicateCandidates();

  if (input.email?.includes('@')) {
    found.add(await ctx.db.select(columns).from(t).leftJoin(schema.users, owners).where(and(live, eq(t.email, normalizeEmail(input.email)))).limit(MAX_DUPLICATE_MATCHES), 'email');
  }
  const phones = [input.phone, input.mobile].filter((p): p is string => !!p?.trim()).map((p) => toE164(p, settings.phoneRegion)).filter((p): p is string => p !== null);
  if (phones.length) {
    found.add(await ctx.db.select(columns).from(t).leftJoin(schema.users, owners).where(and(live, or(inArray(t.phoneE164, phones), inArray(t.mobileE164, phones)))).limit(MAX_DUPLICATE_MATCHES), 'phone');
  }

  const name = input.name?.trim();
  if (name) {
    const companyKey = await companyKeyOf(ctx, input);
    if (companyKey) {
      const companies = await findSimilarAccounts(ctx, companyKey, settings.duplicateNameSimilarity);
      if (companies.length) {
        const companyScore = new Map(companies.map((c) => [c.id, c.score]));
        const nameScore = sql<number>`similarity(voyage_search_text(${t.name}), voyage_search_text(${name}))`;
        const rows = await ctx.db
          .select({ ...columns, accountId: t.accountId, nameScore })
          .from(t)
          .leftJoin(schema.users, owners)
          .where(and(live, inArray(t.accountId, [...companyScore.keys()]), sql`${nameScore} >= ${settings.duplicateNameSimilarity}`))
          .limit(MAX_DUPLICATE_MATCHES);
        found.add(rows.map((r) => ({ ...r, score: (Number(r.nameScore) + (companyScore.get(r.accountId!) ?? 0)) / 2 })), 'name_company');
      }
    } else if ([...name].length >= 2) {
      const rows = await ctx.db
        .select(columns)
        .from(t)
        .leftJoin(schema.users, owners)
        .where(and(live, sql`${t.searchGrams} @> voyage_search_grams(${name})`, sql`voyage_search_text(${t.name}) = voyage_search_text(${name})`))
        .limit(MAX_DUPLICATE_MATCHES);
      found.add(rows.map((r) => ({ ...r, score: NAME_ONLY_SCORE })), 'name');
    }
  }
  return found.toResponse(ctx, contactKind);
}

/** The company the form names: typed, or the key of the account chosen. */
async function companyKeyOf(ctx: Context, input: TContactDuplicateCheckRequest): Promise<string | undefined> {
  if (input.accountName?.trim()) return companyNameKey(input.accountName) || undefined;
  if (!input.accountId) return undefined;
  const [row] = await ctx.db.select({ key: accounts.nameKey }).from(accounts).where(and(eq(accounts.workspaceId, ctx.workspaceId), eq(accounts.id, input.accountId)));
  return row?.key ?? undefined;
}
