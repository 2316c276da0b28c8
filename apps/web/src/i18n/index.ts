import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';
import 'dayjs/locale/en';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import zhTW from './locales/zh-TW.json';
import { setRequestLocale } from '../api/client';

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = 'voyage.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The browser's preferred supported locale; Chinese defaults to Simplified. */
function browserLocale(): Locale {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const t = tag.toLowerCase();
    if (t === 'zh-tw' || t === 'zh-hk' || t === 'zh-mo' || t.startsWith('zh-hant')) return 'zh-TW';
    if (t.startsWith('zh')) return 'zh-CN';
    if (t.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  return isLocale(stored) ? stored : browserLocale();
}

const dayjsLocale: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'zh-TW': 'zh-tw', en: 'en' };

function applyLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  dayjs.locale(dayjsLocale[locale]);
  setRequestLocale(locale);
}

// A feature may keep its strings beside its screens in features/<area>/locales/<locale>.json,
// each file holding one top-level namespace key (e.g. { "timeline": { … } }). They are merged
// into the one translation resource, so parallel work never edits the same file.
const featureLocales = import.meta.glob<Record<string, unknown>>('../features/**/locales/*.json', { eager: true, import: 'default' });
function withFeatures(base: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [file, messages] of Object.entries(featureLocales)) {
    if (file.endsWith(`/${locale}.json`)) Object.assign(merged, messages);
  }
  return merged;
}

const startLocale = initialLocale();
void i18next.use(initReactI18next).init({
  resources: { en: { translation: withFeatures(en, 'en') }, 'zh-CN': { translation: withFeatures(zhCN, 'zh-CN') }, 'zh-TW': { translation: withFeatures(zhTW, 'zh-TW') } },
  lng: startLocale,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyLocale(startLocale);

/** Switches the UI language; the caller persists it on the account. */
export async function changeLocale(locale: Locale): Promise<void> {
  localStorage.setItem(STORAGE_KEY, locale);
  applyLocale(locale);
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : 'en';
}

/** Picks the label for the current locale from `{ 'zh-CN', 'zh-TW', en }`. */
export function localized(labels: Partial<Record<string, string>> | null | undefined, fallback = ''): string {
  if (!labels) return fallback;
  const locale = currentLocale();
  return labels[locale] || labels.en || labels['zh-CN'] || fallback;
}

export { i18next as i18n };
