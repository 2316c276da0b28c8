import type { Random } from './data/random';
import { FOLLOW_UP_NOTES, FOLLOW_UP_TYPES, PRODUCTS, type DemoFollowUpType } from './demo-catalog';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface DemoFollowUp {
  type: DemoFollowUpType;
  content: string;
  occurredAt: Date;
  nextContactAt: Date | null;
}

/** A time on a working day between 9:00 and 18:00 Beijing time, `daysAgo` days before `now`. */
function workingTime(rng: Random, now: number, daysAgo: number): Date {
  const day = new Date(now - daysAgo * DAY_MS);
  // Weekends move to the working days around them, away from `now` so a plan stays in the future.
  if (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setTime(day.getTime() + (daysAgo < 0 ? 2 : -2) * DAY_MS);
  // 01:00–10:00 UTC is 09:00–18:00 in Asia/Shanghai.
  day.setUTCHours(1 + rng.int(0, 8), rng.pick([0, 10, 15, 20, 30, 40, 45]), 0, 0);
  return day;
}

/**
 * `count` follow-ups over the last six months, oldest first, the latest `latestDaysAgo` days
 * back. Earlier ones planned a next contact that the later ones then kept; a recent latest one
 * sometimes plans a call in the coming two weeks.
 */
export function buildDemoFollowUps(rng: Random, now: number, who: { name: string; han: boolean }, count: number, latestDaysAgo: [number, number]): DemoFollowUp[] {
  const latest = rng.int(latestDaysAgo[0], latestDaysAgo[1]);
  const days = [...Array.from({ length: count - 1 }, () => rng.int(latest + 1, Math.max(180, latest + 1))).sort((a, b) => b - a), latest];
  const lang = who.han ? 'zh' : 'en';
  return days.map((daysAgo, i) => {
    const type = rng.weighted(FOLLOW_UP_TYPES);
    const content = rng.pick(FOLLOW_UP_NOTES[type][lang]).replaceAll('{n}', who.name).replaceAll('{p}', rng.pick(PRODUCTS[lang]));
    const occurredAt = workingTime(rng, now, daysAgo);
    const last = i === count - 1;
    let nextContactAt: Date | null = null;
    if (last && daysAgo <= 30 && rng.chance(0.45)) nextContactAt = new Date(workingTime(rng, now, -rng.int(1, 14)).getTime());
    else if (!last && rng.chance(0.4)) nextContactAt = new Date(occurredAt.getTime() + rng.int(2, 10) * DAY_MS + rng.int(0, 4) * HOUR_MS);
    return { type, content, occurredAt, nextContactAt };
  });
}
