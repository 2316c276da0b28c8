export type PeriodKind = 'month' | 'quarter' | 'year';

export interface Period {
  key: string;
  kind: PeriodKind;
  /** First day, `YYYY-MM-DD`. */
  start: string;
  /** Last day (inclusive), `YYYY-MM-DD`. */
  end: string;
  /** Months of the year it covers, 1–12. */
  months: number[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function period(kind: PeriodKind, year: number, firstMonth: number): Period {
  const count = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  const lastMonth = firstMonth + count - 1;
  const key = kind === 'month' ? `${year}-${pad(firstMonth)}` : kind === 'quarter' ? `${year}-Q${(firstMonth + 2) / 3}` : String(year);
  return {
    key, kind,
    start: `${year}-${pad(firstMonth)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(lastDay(year, lastMonth))}`,
    months: Array.from({ length: count }, (_, i) => firstMonth + i),
  };
}

/** The months, quarters or the year of a calendar year, in order. */
export function periodsOfYear(year: number, kind: PeriodKind): Period[] {
  if (kind === 'year') return [period('year', year, 1)];
  const step = kind === 'quarter' ? 3 : 1;
  return Array.from({ length: 12 / step }, (_, i) => period(kind, year, 1 + i * step));
}

/** The period that starts on `start`, or null when `start` is not the first day of one. */
export function periodStartingOn(kind: PeriodKind, start: string): Period | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (day !== 1 || month < 1 || month > 12) return null;
  if (kind === 'quarter' && (month - 1) % 3 !== 0) return null;
  if (kind === 'year' && month !== 1) return null;
  return period(kind, year, month);
}

/** Days from `a` to `b` (dates), b − a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Today's date in a time zone, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
