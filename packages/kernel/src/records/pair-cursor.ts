import type { Locale } from '../i18n/locales';
import { translate } from '../i18n/translate';
import { validationError } from '../errors';

/**
 * Opaque keyset cursor of a (sort value, id) pair, for lists ordered by one column then id.
 * Timestamps are kept as PostgreSQL prints them (`col::text`): a Date would drop microseconds
 * and skip or repeat rows that share a millisecond.
 */
export function encodePairCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

const TIMESTAMP = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,6})?([+-]\d\d(:?\d\d)?|Z)$/;
const UUID = /^[0-9a-f-]{36}$/i;

/** Decodes a pair cursor; `kind` says what the first value must be. A bad cursor is a 400 naming `query.cursor`. */
export function decodePairCursor(cursor: string, locale: Locale, kind: 'timestamp' | 'text'): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && UUID.test(value[1]) && (kind === 'text' || TIMESTAMP.test(value[0]))) {
      return value as [string, string];
    }
  } catch {
    // reported below
  }
  throw validationError([{ field: 'query.cursor', code: 'invalid', message: translate(locale, 'field.invalid', { field: 'query.cursor' }) }]);
}
