import { describe, expect, it } from 'vitest';
import { companyNameKey } from '../src/normalize/company-name';
import { normalizeEmail } from '../src/normalize/email';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { toE164 } from '../src/normalize/phone';
import { parseSearchQuery } from '../src/search/parse-search-query';

describe('phones to E.164', () => {
  it('reads every common way of writing a Chinese mobile as one number', () => {
    for (const typed of ['+86 138 0013 8000', '13800138000', '0086-138-0013-8000', '138-0013-8000', '(+86) 13800138000', ' +8613800138000 ']) {
      expect(toE164(typed, 'CN'), typed).toBe('+8613800138000');
    }
  });

  it('reads landlines with the trunk prefix in the default region', () => {
    expect(toE164('010-6552 9988', 'CN')).toBe('+861065529988');
    expect(toE164('021 5046 1234', 'CN')).toBe('+862150461234');
  });

  it('keeps foreign numbers with their country code, and uses the workspace region for the rest', () => {
    expect(toE164('+852 2345 6789', 'CN')).toBe('+85223456789');
    expect(toE164('00852 9123 4567', 'CN')).toBe('+85291234567');
    expect(toE164('+1 (415) 555-0132', 'CN')).toBe('+14155550132');
    expect(toE164('(415) 555-0132', 'US')).toBe('+14155550132');
    expect(toE164('2345 6789', 'HK')).toBe('+85223456789');
  });

  it('refuses text that is not a possible number', () => {
    for (const typed of ['12345', 'call me', '', '1380013800012345678']) expect(toE164(typed, 'CN'), typed).toBeNull();
  });
});

describe('emails and company names', () => {
  it('stores emails in lower case without surrounding space', () => {
    expect(normalizeEmail('  Zhang.Wei@Example.COM ')).toBe('zhang.wei@example.com');
  });

  it('compares Chinese company names without legal suffixes, brackets or full-width forms', () => {
    const key = companyNameKey('上海远航科技有限公司');
    expect(key).toBe('上海远航科技');
    for (const name of ['上海远航科技股份有限公司', '上海远航科技有限责任公司', '上海远航科技（集团）有限公司', '上海远航科技集团', '上海 远航科技', ' 上海远航科技有限公司 ']) {
      expect(companyNameKey(name), name).toBe(key);
    }
    expect(companyNameKey('台灣遠航科技股份有限公司')).toBe('台灣遠航科技');
  });

  it('compares Latin company names without Co., Ltd., Inc., LLC, GmbH, Corp. and punctuation', () => {
    for (const name of ['Acme Co., Ltd.', 'ACME Inc.', 'Acme, LLC', 'Acme GmbH', 'Acme Corp.', 'acme corporation', 'ＡＣＭＥ Limited', 'Acme Group Co., Ltd.']) {
      expect(companyNameKey(name), name).toBe('acme');
    }
    expect(companyNameKey('Johnson & Johnson Inc.')).toBe('johnsonjohnson');
  });

  it('never strips a name down to nothing', () => {
    expect(companyNameKey('集团')).toBe('集团');
    expect(companyNameKey('Inc.')).toBe('inc');
  });
});

describe('search box entries', () => {
  it('tells phone digits, email prefixes and names apart', () => {
    expect(parseSearchQuery(' 138 0013 ')).toMatchObject({ text: '138 0013', digits: '1380013', matchesNames: true });
    expect(parseSearchQuery('8000').digits).toBe('8000');
    expect(parseSearchQuery('Wang Lei')).toMatchObject({ digits: null, emailPattern: null, matchesNames: true });
    expect(parseSearchQuery('Zhang_W').emailPattern).toBe('zhang\\_w%');
    expect(parseSearchQuery('王').matchesNames).toBe(false);
    expect(parseSearchQuery('12').digits).toBeNull();
  });
});

describe('the mainland mobile shortcut of toE164', () => {
  /** libphonenumber alone, as toE164 was before the shortcut. */
  const reference = (text: string, region: string) => {
    const parsed = parsePhoneNumberFromString(text.trim().replace(/^00(?=[1-9])/, '+'), region as CountryCode);
    return parsed && parsed.isPossible() ? parsed.number : null;
  };

  it('gives what libphonenumber gives for every prefix 130–199, however the number is written', () => {
    let checked = 0;
    for (let prefix = 130; prefix <= 199; prefix++) {
      for (let k = 0; k < 15; k++) {
        const digits = `${prefix}${String((prefix * 7_919 + k * 104_729) % 100_000_000).padStart(8, '0')}`;
        const forms = [digits, `+86${digits}`, `+86 ${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`, `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`, `0086 ${digits}`, ` (${digits.slice(0, 3)}) ${digits.slice(3)} `, `${digits}0`];
        for (const region of ['CN', 'US', 'HK']) {
          for (const text of forms) {
            expect(toE164(text, region), `${text} in ${region}`).toBe(reference(text, region));
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(70 * 15 * 7 * 3);
  });
});

