import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { autonumberCounters, workspaces } from '../db/schema';
import { eq } from 'drizzle-orm';
import type { CustomFieldDef } from './types';

const TOKEN_RE = /\{(YYYY|YY|MM|DD|0+)\}/g;

/** Checks an autonumber pattern: known tokens only and exactly one counter such as {000000}. */
export function isValidAutonumberFormat(format: string): boolean {
  const tokens = [...format.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  const counters = tokens.filter((t) => /^0+$/.test(t));
  return counters.length === 1 && counters[0].length <= 12 && tokens.every((t) => /^(YYYY|YY|MM|DD|0+)$/.test(t));
}

function dateParts(now: Date, timeZone: string): Record<'YYYY' | 'YY' | 'MM' | 'DD', string> {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now).map((p) => [p.type, p.value]));
  return { YYYY: parts.year, YY: parts.year.slice(-2), MM: parts.month, DD: parts.day };
}

/** The counter restarts each period the pattern names: yearly for {YYYY}, monthly with {MM}… */
function periodOf(format: string, parts: ReturnType<typeof dateParts>): string {
  const used = new Set([...format.matchAll(TOKEN_RE)].map((m) => m[1]));
  return [used.has('YYYY') || used.has('YY') ? parts.YYYY : '', used.has('MM') ? parts.MM : '', used.has('DD') ? parts.DD : ''].filter(Boolean).join('-');
}

export function formatAutonumber(format: string, counter: number, parts: ReturnType<typeof dateParts>): string {
  return format.replace(TOKEN_RE, (_, token: string) => (/^0+$/.test(token) ? String(counter).padStart(token.length, '0') : parts[token as keyof typeof parts]));
}

/**
 * Reserves numbers for `count` new records of an object, one per autonumber field, in the
 * caller's transaction. The upsert increments atomically, so concurrent creates never share
 * a number. Returns one `{ key: 'CT-2026-000123' }` object per record.
 */
export async function assignAutonumbers(db: Queryable, workspaceId: string, object: string, defs: CustomFieldDef[], count: number, now = new Date()): Promise<Array<Record<string, string>>> {
  const result = Array.from({ length: count }, () => ({}) as Record<string, string>);
  const fields = defs.filter((d) => d.type === 'autonumber' && d.config.format);
  if (fields.length === 0 || count === 0) return result;
  const ws = await db.select({ timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  const parts = dateParts(now, ws[0]?.timezone ?? 'UTC');
  for (const def of fields) {
    const format = def.config.format as string;
    const period = periodOf(format, parts);
    const [row] = await db
      .insert(autonumberCounters)
      .values({ workspaceId, object, fieldKey: def.key, period, value: count })
      .onConflictDoUpdate({
        target: [autonumberCounters.workspaceId, autonumberCounters.object, autonumberCounters.fieldKey, autonumberCounters.period],
        set: { value: sql`${autonumberCounters.value} + ${count}` },
      })
      .returning({ value: autonumberCounters.value });
    const first = Number(row.value) - count + 1;
    for (let i = 0; i < count; i++) result[i][def.key] = formatAutonumber(format, first + i, parts);
  }
  return result;
}
