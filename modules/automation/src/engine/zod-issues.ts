import { translate, type FieldIssue, type Locale } from '@voyage/kernel';
import type { z } from 'zod';

/** Zod issues of a node's saved settings as translated issues naming the field under `prefix`. */
export function zodFieldIssues(error: z.ZodError, locale: Locale, prefix: string): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const t = (code: string, params: Record<string, string | number> = {}) => ({ field, code, message: translate(locale, `field.${code}`, { field, ...params }) });
    const detail = issue as unknown as { input?: unknown; expected?: string; maximum?: number; minimum?: number; origin?: string; values?: unknown[]; format?: string };
    switch (issue.code) {
      case 'invalid_type':
        return detail.input === undefined ? t('required') : t('invalid_type', { expected: detail.expected ?? '?' });
      case 'too_big':
        return detail.origin === 'string' ? t('too_long', { max: Number(detail.maximum) }) : t('too_big', { max: Number(detail.maximum) });
      case 'too_small':
        if (detail.origin === 'string' && Number(detail.minimum) === 1) return t('required');
        return detail.origin === 'string' ? t('too_short', { min: Number(detail.minimum) }) : t('too_small', { min: Number(detail.minimum) });
      case 'invalid_value':
        return t('invalid_option', { options: (detail.values ?? []).map(String).join(', ') });
      case 'invalid_format':
        return t(detail.format === 'email' ? 'invalid_email' : detail.format === 'url' ? 'invalid_url' : 'invalid_format');
      default:
        return t('invalid');
    }
  });
}
