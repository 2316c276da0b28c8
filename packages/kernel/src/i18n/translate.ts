import { en, type MessageKey } from './messages.en';
import { zhCN } from './messages.zh-CN';
import { zhTW } from './messages.zh-TW';
import type { Locale } from './locales';

const catalogs: Record<Locale, Record<string, string>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

/** Adds a module's server-side messages; each key must be given in every locale. */
export function registerMessages(messages: Record<Locale, Record<string, string>>): void {
  for (const locale of Object.keys(catalogs) as Locale[]) Object.assign(catalogs[locale], messages[locale]);
}

export function hasMessage(key: string): boolean {
  return key in catalogs.en;
}

export function translate(locale: Locale, key: MessageKey | string, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key] ?? catalogs.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

export function catalog(locale: Locale): Readonly<Record<string, string>> {
  return catalogs[locale];
}
