export * from './locales';
export * from './translate';
export type { MessageKey } from './messages.en';
