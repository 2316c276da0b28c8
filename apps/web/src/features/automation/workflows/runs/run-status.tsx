import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = { running: 'blue', waiting: 'grape', completed: 'teal', failed: 'red', cancelled: 'gray', skipped: 'gray' };

/** A run's or a step's status as a coloured badge. */
export function RunStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge size="sm" variant="light" color={COLORS[status] ?? 'gray'} data-status={status}>{t(`workflows.runStatus.${status}`)}</Badge>;
}

/** "1.2 s", "3 min", "2 h"… from milliseconds. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

export const runDuration = (startedAt: string, finishedAt: string | null) => (finishedAt ? new Date(finishedAt).getTime() - new Date(startedAt).getTime() : null);
