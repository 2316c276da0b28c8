import type { TWorkflowDuration, TWorkflowWait } from '@voyage/contracts';

const UNIT_MS: Record<TWorkflowDuration['unit'], number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

export function durationMs(duration: TWorkflowDuration): number {
  return duration.amount * UNIT_MS[duration.unit];
}

/**
 * When a wait ends: after its duration; at its date (fixed, or the record's date field ± days;
 * a past or empty date ends it at once); an event wait times out after its timeout.
 */
export function waitDueAt(wait: TWorkflowWait, now: Date, record: Record<string, unknown> | null): Date {
  if (wait.mode === 'duration') return new Date(now.getTime() + durationMs(wait.duration ?? { amount: 1, unit: 'minutes' }));
  if (wait.mode === 'event') return new Date(now.getTime() + durationMs(wait.timeout ?? { amount: 1, unit: 'days' }));
  const raw = wait.until?.at ?? (wait.until?.field ? record?.[wait.until.field] : null);
  const base = raw instanceof Date ? raw : typeof raw === 'string' ? new Date(raw) : null;
  if (!base || Number.isNaN(base.getTime())) return now;
  const at = new Date(base.getTime() + (wait.until?.at ? 0 : (wait.until?.offsetDays ?? 0) * UNIT_MS.days));
  return at < now ? now : at;
}
