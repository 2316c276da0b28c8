import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** A mainland mobile, national (13812345678) or with +86; 11x/12x are carrier prefixes and left to libphonenumber. */
const CN_MOBILE = /^(\+86)?(1[3-9]\d{9})$/;

/**
 * A phone number in E.164 (+8613800138000), read in the workspace's default region when it
 * has no country code. Null when the text is not a possible number of any length.
 * "Possible" rather than "valid": numbering plans gain ranges faster than metadata does,
 * and refusing a real customer's number is worse than storing an unusual one.
 */
export function toE164(text: string, defaultRegion: string): string | null {
  // 0086 / 00852 is how international numbers are often typed in China.
  const cleaned = text.trim().replace(/^00(?=[1-9])/, '+');
  // Most numbers a Chinese workspace holds are mainland mobiles: libphonenumber gives them
  // +86 and the 11 digits, which this says at a fraction of the cost (a million-row import
  // parses two phones a row). normalize.test.ts checks it against libphonenumber for every
  // prefix 130–199 and the usual ways of writing them.
  if (defaultRegion.toUpperCase() === 'CN' || cleaned.startsWith('+86')) {
    const compact = cleaned.replace(/[\s\-.()]/g, '');
    const mobile = CN_MOBILE.exec(compact);
    if (mobile && (mobile[1] || defaultRegion.toUpperCase() === 'CN')) return `+86${mobile[2]}`;
  }
  const parsed = parsePhoneNumberFromString(cleaned, defaultRegion.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}

/** Digits of a phone number as search and duplicate checks compare them. */
export function phoneDigits(text: string): string {
  return text.replace(/\D/g, '');
}
