import type { FieldIssue } from '../errors';
import type { Locale } from '../i18n/locales';
import { translate } from '../i18n/translate';

/** A translated field issue: the message key is `field.<code>` unless given. */
export function fieldIssue(locale: Locale, field: string, code: string, params: Record<string, string | number> = {}, key = `field.${code}`): FieldIssue {
  return { field, code, message: translate(locale, key, { field, ...params }) };
}
