import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * A phone number in E.164 (+8613800138000), read in the workspace's default region when it
 * has no country code. Null when the text is not a possible number of any length.
 * "Possible" rather than "valid": numbering plans gain ranges faster than metadata does,
 * and refusing a real customer's number is worse than storing an unusual one.
 */
export function toE164(text: string, defaultRegion: string): string | null {
  // 0086 / 00852 is how international numbers are often typed in China.
  const cleaned = text.trim().replace(/^00(?=[1-9])/, '+');
  const parsed = parsePhoneNumberFromString(cleaned, defaultRegion.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}

/** Digits of a phone number as search and duplicate checks compare them. */
export function phoneDigits(text: string): string {
  return text.replace(/\D/g, '');
}
