import { eq } from 'drizzle-orm';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { schema, translate, type Context, type FieldIssue, type Queryable } from '@voyage/kernel';

/** The workspace's region for phones typed without a country code. */
export async function phoneRegionOf(db: Queryable, workspaceId: string): Promise<string> {
  const [row] = await db.select({ region: schema.workspaces.defaultPhoneRegion }).from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
  return row?.region ?? 'CN';
}

/** E.164 of a phone, read in `region` when it has no country code; null when not a possible number. */
export function phoneToE164(text: string, region: string): string | null {
  const cleaned = text.trim().replace(/^00(?=[1-9])/, '+');
  const parsed = parsePhoneNumberFromString(cleaned, region.toUpperCase() as CountryCode);
  return parsed?.isPossible() ? parsed.number : null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NormalizedContactFields {
  email?: string | null;
  phoneE164?: string | null;
  mobileE164?: string | null;
}

/**
 * Email in lower case, phones to E.164; issues name each bad field (`prefix` + field).
 * Only the fields present in `input` are returned, so an update leaves the others alone.
 */
export function normalizeLeadContact(ctx: Pick<Context, 'locale'>, input: { email?: string | null; phone?: string | null; mobile?: string | null }, region: string, prefix = ''): { values: NormalizedContactFields; issues: FieldIssue[] } {
  const values: NormalizedContactFields = {};
  const issues: FieldIssue[] = [];
  if (input.email !== undefined) {
    const email = input.email?.trim().toLowerCase() || null;
    if (email && !EMAIL.test(email)) issues.push({ field: `${prefix}email`, code: 'invalid_email', message: translate(ctx.locale, 'sales.field.invalid_email', { field: `${prefix}email` }) });
    values.email = email;
  }
  for (const [key, target] of [['phone', 'phoneE164'], ['mobile', 'mobileE164']] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (!value?.trim()) { values[target] = null; continue; }
    const e164 = phoneToE164(value, region);
    if (!e164) issues.push({ field: `${prefix}${key}`, code: 'invalid_phone', message: translate(ctx.locale, 'sales.field.invalid_phone', { field: `${prefix}${key}` }) });
    values[target] = e164;
  }
  return { values, issues };
}
