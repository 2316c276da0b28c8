import { describe, expect, it } from 'vitest';
import { catalog, localeFromAcceptLanguage, LOCALES, translate } from '@voyage/kernel';

describe('server-side i18n', () => {
  it('has every message key in zh-CN, zh-TW and en', () => {
    const keys = (l: (typeof LOCALES)[number]) => Object.keys(catalog(l)).sort();
    expect(keys('zh-CN')).toEqual(keys('en'));
    expect(keys('zh-TW')).toEqual(keys('en'));
    for (const locale of LOCALES) for (const [key, text] of Object.entries(catalog(locale))) expect(text, `${locale} ${key}`).not.toBe('');
  });

  it('keeps placeholders identical across locales', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(catalog('en'))) {
      expect(placeholders(catalog('zh-CN')[key]), `zh-CN ${key}`).toEqual(placeholders(text));
      expect(placeholders(catalog('zh-TW')[key]), `zh-TW ${key}`).toEqual(placeholders(text));
    }
  });

  it('chooses the locale from Accept-Language', () => {
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('zh-TW,zh;q=0.9')).toBe('zh-TW');
    expect(localeFromAcceptLanguage('zh-Hant-HK')).toBe('zh-TW');
    expect(localeFromAcceptLanguage('fr-FR, zh-CN;q=0.5')).toBe('zh-CN');
    expect(localeFromAcceptLanguage(undefined)).toBe('zh-CN');
  });

  it('fills parameters', () => {
    expect(translate('en', 'field.too_long', { field: 'name', max: 200 })).toBe('name is too long (at most 200 characters).');
    expect(translate('zh-CN', 'field.required', { field: 'email' })).toBe('email为必填项。');
  });
});
