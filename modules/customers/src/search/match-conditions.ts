import { sql, type SQL } from 'drizzle-orm';
import { fieldRule, type Actor } from '@voyage/kernel';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { ParsedSearchQuery } from './parse-search-query';

/**
 * How many rows the substring, email and phone matches may contribute before ranking. Prefix
 * matches come from their own ordered index scan, so a broad query ("li", "王") stays fast and
 * still shows the exact and prefix matches first; only the order among the rest is partial.
 */
export const SEARCH_CANDIDATE_CAP = 200;

/**
 * A field the actor may see in full can be searched; a hidden or masked one cannot, or
 * searching for a whole number would reveal what the mask hides.
 */
export function searchable(actor: Actor, object: string, fields: string[]): boolean {
  return fields.every((f) => {
    const rule = fieldRule(actor, object, f);
    return rule === undefined || rule === 'readonly';
  });
}

/** The query as stored names are normalized (NFKC, lower case, single spaces). */
export const searchText = (query: ParsedSearchQuery): SQL => sql`voyage_search_text(${query.text})`;

/**
 * Names starting with the query, in byte order so the exact name comes first. The pattern is
 * built from constants, so PostgreSQL folds it and uses the `(search_name collate "C")` index.
 */
export function namePrefix(searchName: PgColumn, query: ParsedSearchQuery): { where: SQL; order: SQL } {
  const pattern = sql`replace(replace(replace(${searchText(query)}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
  return { where: sql`${searchName} collate "C" like ${pattern}`, order: sql`${searchName} collate "C"` };
}

/**
 * Substring match on a text whose grams are stored in `grams` (voyage_search_grams). Every
 * gram of the query must be present, which the GIN index answers; the substring test removes
 * rows that have the grams in another order.
 */
export function textMatch(grams: PgColumn, text: SQL | PgColumn, query: ParsedSearchQuery): SQL {
  return sql`(${grams} @> voyage_search_query_grams(${query.text}) and strpos(${text}, ${searchText(query)}) > 0)`;
}

/** 0 for the exact name, 1 for a prefix of the name or of one of its words, else 2. */
export function nameRank(searchName: PgColumn, query: ParsedSearchQuery): SQL {
  const q = searchText(query);
  return sql`case when ${searchName} = ${q} then 0 when strpos(${searchName}, ${q}) = 1 or strpos(' ' || ${searchName}, ' ' || ${q}) > 0 then 1 else 2 end`;
}

/** Phone digits containing the query's digits; the trigram index on phone_digits answers it. */
export function digitsMatch(phoneDigits: PgColumn, digits: string): SQL {
  return sql`${phoneDigits} like ${`%${digits}%`}`;
}

/** phone_digits holds "phone mobile": ending one of them (the last four digits) ranks high. */
export function digitsEnd(phoneDigits: PgColumn, digits: string): SQL {
  return sql`(${phoneDigits} || ' ') like ${`%${digits} %`}`;
}

/** The best of the name rank and the ranks of other matches (`when <match> then 1`). */
export function bestRank(textRank: SQL, others: SQL[]): SQL {
  return others.length ? sql`least(${textRank}, case ${sql.join(others, sql` `)} else 2 end)` : textRank;
}

/**
 * Ids of the candidates: the first prefix matches in index order, plus up to
 * SEARCH_CANDIDATE_CAP rows of any match. Both arms carry the actor's scope.
 */
export function candidateIds(prefix: SQL | undefined, any: SQL): SQL {
  return prefix ? sql`((${prefix}) union all (${any}))` : sql`(${any})`;
}
