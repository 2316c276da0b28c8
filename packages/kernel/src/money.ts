/** Money is an integer amount in minor units plus an ISO 4217 currency code. Never a float. */
export interface Money {
  amount: number; // minor units (fen, cents)
  currency: string;
}

const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, TWD: 2, CNY: 2, HKD: 2, USD: 2, EUR: 2, GBP: 2, SGD: 2, BHD: 3, KWD: 3 };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError('Money amount must be an integer in minor units');
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError('Currency must be an ISO 4217 code');
  return { amount, currency };
}

/** Parses a decimal string such as "1234.50" into minor units without floating-point error. */
export function parseMoney(text: string, currency: string): Money {
  const digits = minorDigits(currency);
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim().replace(/,/g, ''));
  if (!m) throw new RangeError(`Not a decimal amount: ${text}`);
  const frac = (m[3] ?? '').padEnd(digits, '0');
  if (frac.length > digits) throw new RangeError(`Too many decimals for ${currency}`);
  const value = Number(m[2]) * 10 ** digits + (digits ? Number(frac) : 0);
  return money(m[1] ? -value : value, currency);
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new RangeError('Cannot add different currencies');
  return money(a.amount + b.amount, a.currency);
}

export function formatMoney(value: Money, locale = 'en'): string {
  const digits = minorDigits(value.currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency: value.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value.amount / 10 ** digits);
}
