/**
 * A 5-field cron expression (minute hour day-of-month month day-of-week) evaluated in an IANA
 * time zone: numbers, `*`, ranges `a-b`, steps `/n`, lists, and month/day names. When both
 * day fields are restricted, either matches (as in Vixie cron).
 */
export interface CronSchedule {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  daysRestricted: boolean;
  weekdaysRestricted: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function parseField(text: string, min: number, max: number, names?: string[], nameOffset = 0): Set<number> | null {
  const values = new Set<number>();
  const value = (s: string): number | null => {
    const i = names?.indexOf(s.toLowerCase()) ?? -1;
    if (i >= 0) return i + nameOffset;
    return /^\d{1,2}$/.test(s) ? Number(s) : null;
  };
  for (const part of text.split(',')) {
    const m = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d{1,2}))?$/i.exec(part);
    if (!m) return null;
    const step = m[2] ? Number(m[2]) : 1;
    let from = min;
    let to = max;
    if (m[1] !== '*') {
      const [a, b] = m[1].split('-');
      const start = value(a);
      const end = b === undefined ? (m[2] ? max : start) : value(b);
      if (start === null || end === null) return null;
      from = start;
      to = end;
    }
    if (step < 1 || from < min || to > max || from > to) return null;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const minutes = parseField(fields[0], 0, 59);
  const hours = parseField(fields[1], 0, 23);
  const days = parseField(fields[2], 1, 31);
  const months = parseField(fields[3], 1, 12, MONTHS, 1);
  const weekdaysRaw = parseField(fields[4], 0, 7, WEEKDAYS);
  if (!minutes || !hours || !days || !months || !weekdaysRaw) return null;
  // 7 is Sunday too.
  const weekdays = new Set([...weekdaysRaw].map((d) => d % 7));
  return { minutes, hours, days, months, weekdays, daysRestricted: fields[2] !== '*', weekdaysRestricted: fields[4] !== '*' };
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(at: Date, zone: string): { minute: number; hour: number; day: number; month: number; weekday: number } {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', minute: 'numeric', hour: 'numeric', day: 'numeric', month: 'numeric', weekday: 'short' });
    formatters.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return { minute: Number(parts.minute), hour: Number(parts.hour), day: Number(parts.day), month: Number(parts.month), weekday: WEEKDAYS.indexOf(String(parts.weekday).slice(0, 3).toLowerCase()) };
}

function matches(schedule: CronSchedule, at: Date, zone: string): boolean {
  const w = wallClock(at, zone);
  if (!schedule.minutes.has(w.minute) || !schedule.hours.has(w.hour) || !schedule.months.has(w.month)) return false;
  const day = schedule.days.has(w.day);
  const weekday = schedule.weekdays.has(w.weekday);
  if (schedule.daysRestricted && schedule.weekdaysRestricted) return day || weekday;
  return day && weekday;
}

const MINUTE = 60_000;
/** Looks back at most this far for a missed tick (a worker down for days fires once, not per tick). */
const MAX_LOOKBACK_MINUTES = 7 * 24 * 60;

/** The latest tick in (after, until], or null. */
export function latestTick(schedule: CronSchedule, zone: string, after: Date, until: Date): Date | null {
  const last = Math.floor(until.getTime() / MINUTE) * MINUTE;
  const first = Math.max(after.getTime() + 1, last - MAX_LOOKBACK_MINUTES * MINUTE);
  for (let t = last; t >= first; t -= MINUTE) if (matches(schedule, new Date(t), zone)) return new Date(t);
  return null;
}
