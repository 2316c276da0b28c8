import { sql, type SQL } from 'drizzle-orm';
import { fieldRule, type Actor } from '@voyage/kernel';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { ParsedSearchQuery } from './parse-search-query';

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

export interface TextMatch {
  /** Rows the GIN index on search_grams finds, confirmed by a substring test. */
  where: SQL;
  /** 0 for the exact text, 1 for a prefix of the text or of one of its words, else 2. */
  rank: SQL;
  similarity: SQL;
}

/**
 * Substring match on a text whose grams are stored in `grams` (voyage_search_grams). Every
 * gram of the query must be present, which the index answers; the substring test removes
 * rows that have the grams in another order.
 */
export function textMatch(grams: PgColumn, text: SQL, query: ParsedSearchQuery): TextMatch {
  const q = sql`voyage_search_text(${query.text})`;
  return {
    where: sql`(${grams} @> voyage_search_query_grams(${query.text}) and strpos(${text}, ${q}) > 0)`,
    rank: sql`case when ${text} = ${q} then 0 when strpos(${text}, ${q}) = 1 or strpos(' ' || ${text}, ' ' || ${q}) > 0 then 1 else 2 end`,
    similarity: sql`similarity(${text}, ${q})`,
  };
}

/** Phone digits containing the query's digits; the trigram index on phone_digits answers it. */
export function digitsMatch(phoneDigits: PgColumn, digits: string): { where: SQL; endsWith: SQL } {
  return {
    where: sql`${phoneDigits} like ${`%${digits}%`}`,
    // phone_digits holds "phone mobile"; ending one of them (the last four digits) ranks high.
    endsWith: sql`(${phoneDigits} || ' ') like ${`%${digits} %`}`,
  };
}

/** The best of the text rank and the ranks of other matches (`when <match> then 1`). */
export function bestRank(textRank: SQL, others: SQL[]): SQL {
  return others.length ? sql`least(${textRank}, case ${sql.join(others, sql` `)} else 2 end)` : textRank;
}
