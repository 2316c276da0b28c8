import { currentLocale } from './index';

let workspaceTimeZone: string | undefined;

/** Dates are shown in the workspace's time zone (P13). */
export function setWorkspaceTimeZone(timeZone: string | undefined): void {
  workspaceTimeZone = timeZone;
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: workspaceTimeZone }).format(date);
}

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeZone: workspaceTimeZone }).format(date);
}

/** Money is integer minor units plus an ISO currency code. */
export function formatMoney(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(currentLocale(), { style: 'currency', currency }).format(minor / 10 ** digits);
}
