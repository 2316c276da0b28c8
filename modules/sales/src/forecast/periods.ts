/** Calendar periods of the forecast, on plain dates (close dates carry no time zone). */
export type ForecastPeriod = 'month' | 'quarter';

export function periodKey(date: string, period: ForecastPeriod): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  return period === 'month' ? date.slice(0, 7) : `${year}-Q${Math.ceil(month / 3)}`;
}

/** The first day of the period containing `date`. */
export function periodStart(date: string, period: ForecastPeriod): string {
  const month = Number(date.slice(5, 7));
  const first = period === 'month' ? month : (Math.ceil(month / 3) - 1) * 3 + 1;
  return `${date.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

/** Adds months to the first day of a month. */
export function addMonths(firstOfMonth: string, months: number): string {
  const index = Number(firstOfMonth.slice(0, 4)) * 12 + Number(firstOfMonth.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** The last day of the period containing `date`. */
export function periodEnd(date: string, period: ForecastPeriod): string {
  const next = addMonths(periodStart(date, period), period === 'month' ? 1 : 3);
  const d = new Date(`${next}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Every period key from the one holding `from` to the one holding `to`. */
export function periodsBetween(from: string, to: string, period: ForecastPeriod): string[] {
  const keys: string[] = [];
  for (let d = periodStart(from, period); d <= to; d = addMonths(d, period === 'month' ? 1 : 3)) keys.push(periodKey(d, period));
  return keys;
}

/** Months between two first-of-month dates. */
export function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}

/** Today in a time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
