import { translate, type FieldIssue, type Locale } from '@voyage/kernel';

/** A translated issue naming the field (a column header in row errors); key `field.<code>` unless given. */
export function fieldIssue(locale: Locale, field: string, code: string, params: Record<string, string | number> = {}, key = `field.${code}`): FieldIssue {
  return { field, code, message: translate(locale, key, { field, ...params }) };
}
