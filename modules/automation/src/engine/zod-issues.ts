import { translate, type FieldIssue, type Locale } from '@voyage/kernel';
import type { z } from 'zod';

/**
 * Zod issues of a node's saved settings as translated issues: `field` is the path under `prefix`
 * (the designer marks the node and its input by it); the message names the field by `label`
 * (the catalogue's label of the input, in the reader's language), or by its path without one.
 */
export function zodFieldIssues(error: z.ZodError, locale: Locale, prefix: string, label?: (path: Array<string | number>) => string | undefined): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const field = [prefix, ...path.map(String)].filter(Boolean).join('.');
    const name = label?.(path) ?? field;
    const t = (code: string, params: Record<string, string | number> = {}) => ({ field, code, message: translate(locale, `field.${code}`, { field: name, ...params }) });
    const detail = issue as unknown as { input?: unknown; expected?: string; maximum?: number; minimum?: number; origin?: string; values?: unknown[]; format?: string };
    switch (issue.code) {
      case 'invalid_type':
        return detail.input === undefined ? t('required') : t('invalid_type', { expected: detail.expected ?? '?' });
      case 'too_big':
        return detail.origin === 'string' ? t('too_long', { max: Number(detail.maximum) }) : t('too_big', { max: Number(detail.maximum) });
      case 'too_small':
        // An empty text or an empty list where one is needed: the field is missing.
        if ((detail.origin === 'string' || detail.origin === 'array' || detail.origin === 'set') && Number(detail.minimum) === 1) return t('required');
        return detail.origin === 'string' ? t('too_short', { min: Number(detail.minimum) }) : t('too_small', { min: Number(detail.minimum) });
      case 'invalid_value':
        return t('invalid_option', { options: (detail.values ?? []).map(String).join(', ') });
      case 'invalid_format':
        return t(detail.format === 'email' ? 'invalid_email' : detail.format === 'url' ? 'invalid_url' : 'invalid_format');
      case 'custom':
        // Cross-field rules (`.refine`) say `required` when the field they point at is missing.
        return issue.message === 'required' ? t('required') : t('invalid');
      default:
        return t('invalid');
    }
  });
}
