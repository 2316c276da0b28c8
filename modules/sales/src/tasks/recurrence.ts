/**
 * The RRULE subset tasks support (RFC 5545 §3.3.10): FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL,
 * BYDAY (plain weekdays, weekly only), UNTIL. Times are computed in UTC, which keeps the
 * wall time of a task created in one zone; the series starts at the current occurrence.
 */
export interface Recurrence {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  interval: number;
  byDay: number[];
  until: Date | null;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const DAY = 86_400_000;

/** The parsed rule, or null when it uses anything outside the supported subset. */
export function parseRecurrence(text: string): Recurrence | null {
  const body = text.trim().replace(/^RRULE:/i, '').toUpperCase();
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const [key, value, extra] = part.split('=');
    if (!key || !value || extra !== undefined || parts.has(key)) return null;
    parts.set(key, value);
  }
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY') return null;
  for (const key of parts.keys()) if (!['FREQ', 'INTERVAL', 'BYDAY', 'UNTIL', 'WKST'].includes(key)) return null;
  if (parts.has('WKST') && parts.get('WKST') !== 'MO') return null;
  const interval = parts.has('INTERVAL') ? Number(parts.get('INTERVAL')) : 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > 366) return null;
  let byDay: number[] = [];
  if (parts.has('BYDAY')) {
    if (freq !== 'WEEKLY') return null;
    byDay = parts.get('BYDAY')!.split(',').map((d) => WEEKDAYS.indexOf(d));
    if (byDay.some((d) => d < 0)) return null;
  }
  let until: Date | null = null;
  if (parts.has('UNTIL')) {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(parts.get('UNTIL')!);
    if (!m) return null;
    until = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], m[4] ? +m[4] : 23, m[5] ? +m[5] : 59, m[6] ? +m[6] : 59));
    if (Number.isNaN(until.getTime())) return null;
  }
  return { freq, interval, byDay, until };
}

/** Monday 00:00 UTC of the week of `d`. */
const weekStart = (d: Date) => {
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
};

/** The occurrence after `current` (itself an occurrence), or null when the series has ended. */
export function nextOccurrence(rule: Recurrence, current: Date): Date | null {
  let next: Date | null = null;
  if (rule.freq === 'DAILY') next = new Date(current.getTime() + rule.interval * DAY);
  else if (rule.freq === 'WEEKLY') {
    const days = rule.byDay.length ? rule.byDay : [current.getUTCDay()];
    const anchor = weekStart(current);
    for (let step = 1; step <= 7 * rule.interval; step++) {
      const candidate = new Date(current.getTime() + step * DAY);
      const weeks = Math.round((weekStart(candidate) - anchor) / (7 * DAY));
      if (weeks % rule.interval === 0 && days.includes(candidate.getUTCDay())) { next = candidate; break; }
    }
  } else {
    // A month without that day (the 31st in April) is skipped, as RFC 5545 prescribes.
    for (let n = 1; n <= 48 && !next; n++) {
      const months = current.getUTCMonth() + n * rule.interval;
      const candidate = new Date(Date.UTC(current.getUTCFullYear(), months, current.getUTCDate(), current.getUTCHours(), current.getUTCMinutes(), current.getUTCSeconds()));
      if (candidate.getUTCDate() === current.getUTCDate()) next = candidate;
    }
  }
  if (!next || (rule.until && next > rule.until)) return null;
  return next;
}
