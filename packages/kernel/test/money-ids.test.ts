import { describe, expect, it } from 'vitest';
import { addMoney, formatMoney, isUuid, newId, parseMoney } from '@voyage/kernel';

describe('ids and money', () => {
  it('makes time-ordered UUIDv7 ids', () => {
    const a = newId();
    const b = newId();
    expect(isUuid(a)).toBe(true);
    expect(a[14]).toBe('7');
    expect(a < b).toBe(true);
  });

  it('keeps money in integer minor units', () => {
    expect(parseMoney('1,234.50', 'CNY')).toEqual({ amount: 123450, currency: 'CNY' });
    expect(parseMoney('0.1', 'USD').amount + parseMoney('0.2', 'USD').amount).toBe(30);
    expect(parseMoney('500', 'JPY')).toEqual({ amount: 500, currency: 'JPY' });
    expect(() => parseMoney('1.234', 'CNY')).toThrow(/decimals/);
    expect(() => addMoney({ amount: 1, currency: 'CNY' }, { amount: 1, currency: 'USD' })).toThrow(/different currencies/);
    expect(formatMoney({ amount: 123450, currency: 'CNY' }, 'zh-CN')).toBe('¥1,234.50');
  });
});
