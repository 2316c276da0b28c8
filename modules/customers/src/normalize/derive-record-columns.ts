import { translate, type FieldIssue, type Locale } from '@voyage/kernel';
import type { RecordKind } from '../record-kinds';
import { companyNameKey } from './company-name';
import { normalizeEmail } from './email';
import { toE164 } from './phone';

/** Phone fields of each kind and the column holding their E.164 form. */
const PHONE_COLUMNS: Record<RecordKind['object'], Record<string, string>> = {
  account: { phone: 'phoneE164' },
  contact: { phone: 'phoneE164', mobile: 'mobileE164' },
};

export interface DerivedColumns {
  /** Values to write besides the input: normalized email, E.164 phones, the account name key. */
  values: Record<string, unknown>;
  issues: FieldIssue[];
}

/**
 * The stored form of what a create or update sets: emails in lower case, phones also in
 * E.164 (the displayed value stays as typed), and an account's name key. Only fields present
 * in the input are derived, so an update leaves the others alone. A phone that is not a
 * possible number is refused, naming the field. `parsePhone` (toE164 in the region, memoised)
 * lets a caller that parsed the numbers already reuse its results.
 */
export function deriveRecordColumns(kind: RecordKind, input: Record<string, unknown>, options: { phoneRegion: string; locale: Locale; path: string; parsePhone?: (text: string) => string | null }): DerivedColumns {
  const values: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const [field, column] of Object.entries(PHONE_COLUMNS[kind.object])) {
    const value = input[field];
    if (value === undefined) continue;
    if (value === null || (typeof value === 'string' && value.trim() === '')) {
      values[field] = null;
      values[column] = null;
      continue;
    }
    const e164 = options.parsePhone ? options.parsePhone(String(value)) : toE164(String(value), options.phoneRegion);
    if (!e164) issues.push({ field: `${options.path}${field}`, code: 'invalid_phone', message: translate(options.locale, 'field.invalid_phone', { field: `${options.path}${field}` }) });
    values[field] = String(value).trim();
    values[column] = e164;
  }
  if (kind.object === 'contact' && typeof input.email === 'string') values.email = normalizeEmail(input.email);
  if (kind.object === 'account' && typeof input.name === 'string') values.nameKey = companyNameKey(input.name);
  return { values, issues };
}
