import { normalizeEmail } from '../normalize/email';

export interface ParsedSearchQuery {
  /** The query as typed, trimmed; PostgreSQL normalizes it like the stored names (voyage_search_text). */
  text: string;
  /** Whether `text` is long enough to match names: two characters, so 张伟 and 小明 work. */
  matchesNames: boolean;
  /** A LIKE pattern for an email prefix, or null when the query cannot start an email. */
  emailPattern: string | null;
  /** The digits of a phone-like query with three or more of them (138 0013, +86-138…), or null. */
  digits: string | null;
}

const PHONE_LIKE = /^[+\d\s\-().]+$/;
const MIN_PHONE_DIGITS = 3;

/** Splits a search box entry into what each kind of match needs. */
export function parseSearchQuery(q: string): ParsedSearchQuery {
  const text = q.trim();
  const digits = PHONE_LIKE.test(text) ? text.replace(/\D/g, '') : '';
  const email = normalizeEmail(text);
  return {
    text,
    matchesNames: [...text.normalize('NFKC')].length >= 2,
    emailPattern: email.length >= 2 && !/\s/.test(email) ? `${email.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
    digits: digits.length >= MIN_PHONE_DIGITS ? digits : null,
  };
}
