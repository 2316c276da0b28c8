import { useEffect, useRef, useState } from 'react';
import { Anchor, Badge, Chip, Group, Loader, Paper, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import { IconArrowsExchange, IconBriefcase, IconCalendarEvent, IconGitMerge, IconMail, IconMessage, IconPaperclip, IconPhone, IconPlus, IconUsers, IconWalk, type Icon } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { TTimelineEntry } from '@voyage/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../i18n/format';
import type { CustomerObject } from '../record-config';
import { followUpsApi, timelineApi } from './timeline-api';

const FILTER_KINDS = ['follow_up', 'field_change', 'record_created', 'email_sent', 'merged'] as const;
const FOLLOW_UP_ICONS: Record<string, Icon> = { call: IconPhone, email: IconMail, sms: IconMessage, visit: IconWalk, meeting: IconUsers };

interface Change { field: string; old: unknown; new: unknown; masked?: boolean }

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v));

function FollowUpFiles({ followUpId }: { followUpId: string }) {
  const followUp = useQuery({ queryKey: ['follow-up', followUpId], queryFn: () => followUpsApi.get(followUpId), staleTime: 60_000 });
  const files = followUp.data?.files ?? [];
  if (files.length === 0) return null;
  return (
    <Group gap="xs" mt={4}>
      {files.map((f) => (
        <Anchor key={f.id} size="xs" href={followUpsApi.fileUrl(followUpId, f.id)} download={f.fileName}>
          <Group gap={2} wrap="nowrap"><IconPaperclip size={12} />{f.fileName}</Group>
        </Anchor>
      ))}
    </Group>
  );
}

function EntryBody({ entry }: { entry: TTimelineEntry }) {
  const { t } = useTranslation();
  const fieldLabel = (field: string) => (field.startsWith('custom.') ? field.slice(7) : t(`customers.fields.${field}`, { defaultValue: field }));
  if (entry.kind === 'field_change') {
    const changes = (entry.data.changes ?? []) as Change[];
    return (
      <Stack gap={2}>
        {changes.map((c) => (
          <Text key={c.field} size="sm" style={{ overflowWrap: 'anywhere' }}>
            <Text span fw={500}>{fieldLabel(c.field)}</Text>: <Text span c="dimmed" td="line-through">{show(c.old)}</Text> → {show(c.new)}
            {c.masked && <Badge ml={6} size="xs" variant="outline" color="gray">{t('timeline.entry.masked')}</Badge>}
          </Text>
        ))}
      </Stack>
    );
  }
  if (entry.kind === 'follow_up') {
    const next = entry.data.nextContactAt as string | null;
    return (
      <Stack gap={2}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{entry.body}</Text>
        {next && <Text size="xs" c="dimmed">{t('timeline.entry.nextContact', { at: formatDateTime(next) })}</Text>}
        <FollowUpFiles followUpId={entry.data.followUpId as string} />
      </Stack>
    );
  }
  return entry.body ? <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{entry.body}</Text> : null;
}

function entryTitle(entry: TTimelineEntry, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (entry.kind === 'follow_up') return t(`timeline.types.${String(entry.data.type)}`, { defaultValue: entry.title });
  if (entry.kind === 'field_change') return t('timeline.entry.field_change', { count: ((entry.data.changes ?? []) as Change[]).length });
  if (entry.kind === 'record_created') return t('timeline.entry.record_created');
  if (entry.kind === 'email_sent') return entry.title || t('timeline.entry.email_sent');
  if (entry.kind === 'merged') return t('timeline.entry.merged', { name: String(entry.data.mergedName ?? '') });
  return entry.title || entry.kind;
}

function entryIcon(entry: TTimelineEntry): Icon {
  if (entry.kind === 'follow_up') return FOLLOW_UP_ICONS[String(entry.data.type)] ?? IconCalendarEvent;
  if (entry.kind === 'field_change') return IconArrowsExchange;
  if (entry.kind === 'email_sent') return IconMail;
  if (entry.kind === 'merged') return IconGitMerge;
  if (entry.kind.startsWith('deal_')) return IconBriefcase;
  return IconPlus;
}

/** The record's timeline, newest first, with kind filters and more entries loaded on scroll. */
export function TimelineList({ object, id }: { object: CustomerObject; id: string }) {
  const { t } = useTranslation();
  const [kinds, setKinds] = useState<string[]>([]);
  const sentinel = useRef<HTMLDivElement>(null);
  const pages = useInfiniteQuery({
    queryKey: ['timeline', object, id, kinds],
    queryFn: ({ pageParam, signal }) => timelineApi.list(object, id, { kinds: kinds.join(',') || undefined, cursor: pageParam, limit: 30 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = pages.data?.pages.flatMap((p) => p.data) ?? [];
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver((seen) => {
      if (seen.some((s) => s.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    }, { rootMargin: '300px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <Paper withBorder p="md" radius="md" data-testid="timeline">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600}>{t('timeline.timelineTitle')}</Text>
          <Chip.Group multiple value={kinds} onChange={setKinds}>
            <Group gap={6} wrap="wrap">
              {FILTER_KINDS.map((k) => <Chip key={k} value={k} size="xs" variant="outline">{t(`timeline.kinds.${k}`)}</Chip>)}
            </Group>
          </Chip.Group>
        </Group>
        {pages.isLoading && <Group justify="center"><Loader size="sm" /></Group>}
        {pages.isSuccess && entries.length === 0 && <Text c="dimmed" ta="center" size="sm" py="lg">{t('timeline.noEntries')}</Text>}
        {entries.length > 0 && (
          <Timeline bulletSize={28} lineWidth={2}>
            {entries.map((entry) => {
              const EntryIcon = entryIcon(entry);
              return (
                <Timeline.Item key={entry.id} data-testid="timeline-entry" data-kind={entry.kind} bullet={<ThemeIcon size={28} radius="xl" variant="light" color={entry.kind === 'follow_up' ? 'blue' : 'gray'}><EntryIcon size={15} /></ThemeIcon>}
                  title={
                    <Group gap={6} wrap="wrap">
                      <Text size="sm" fw={600}>{entryTitle(entry, t)}</Text>
                      {typeof entry.data.dealId === 'string' && <Badge size="xs" variant="light" color={entry.kind === 'deal_won' ? 'green' : entry.kind === 'deal_lost' ? 'red' : 'blue'} component={Link} to={`/deals/${entry.data.dealId}`} style={{ cursor: 'pointer' }}>{t('timeline.entry.deal')}</Badge>}
                      {Boolean(entry.data.via) && <Badge size="xs" variant="light" color="grape" component={Link} to={`/contacts/${(entry.data.via as { id: string }).id}`} style={{ cursor: 'pointer' }}>{t('timeline.entry.via')}</Badge>}
                    </Group>
                  }>
                  <EntryBody entry={entry} />
                  <Text size="xs" c="dimmed" mt={4}>{formatDateTime(entry.occurredAt)}{entry.actorName ? ` · ${entry.actorName}` : ''}</Text>
                </Timeline.Item>
              );
            })}
          </Timeline>
        )}
        <div ref={sentinel} />
        {isFetchingNextPage && <Group justify="center"><Loader size="xs" /></Group>}
        {pages.isSuccess && entries.length > 0 && !hasNextPage && <Text c="dimmed" ta="center" size="xs">{t('timeline.endOfTimeline')}</Text>}
      </Stack>
    </Paper>
  );
}
