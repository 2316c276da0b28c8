import { useEffect, useState } from 'react';
import { Alert, Button, Card, Group, Progress, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGitMerge, IconScan, IconX } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { canAccess, useSession } from '../../../app/session';
import { formatDateTime } from '../../../i18n/format';
import type { CustomerObject } from '../record-config';
import { duplicatesApi, type TDuplicatePair, type TDuplicatePairListResponse, type TDuplicateScan } from './duplicates-api';

type Status = 'open' | 'merged' | 'dismissed';

/** One side of a pair: the name links to the record, with what makes the two alike. */
function PairSide({ object, record }: { object: CustomerObject; record: TDuplicatePair['a'] }) {
  const { t } = useTranslation();
  const details = object === 'contact' ? [record.email, record.mobile ?? record.phone, record.accountName] : [record.phone, record.industry, record.region];
  return (
    <Stack gap={2}>
      <Text fw={600} size="sm"><Link to={object === 'contact' ? '/contacts/$id' : '/accounts/$id'} params={{ id: record.id }}>{record.name ?? '—'}</Link></Text>
      <Text size="xs" c="dimmed">{details.filter(Boolean).join(' · ') || '—'}</Text>
      <Text size="xs" c="dimmed">{t('duplicates.ownerFollowUps', { owner: record.ownerName ?? t('duplicates.noOwner'), count: record.followUpCount })}</Text>
    </Stack>
  );
}

/** The scan button and the progress of the newest scan, polled while it runs. */
function ScanCard({ object, latest, onDone }: { object: CustomerObject; latest: TDuplicateScan | null; onDone: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const [scanId, setScanId] = useState<string | null>(null);
  const running = latest && (latest.status === 'queued' || latest.status === 'running') ? latest.id : null;
  const watching = scanId ?? running;
  const status = useQuery({
    queryKey: ['duplicate-scan', watching],
    queryFn: () => duplicatesApi.scanStatus(watching!),
    enabled: Boolean(watching),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 700),
  });
  const scan = status.data ?? latest;
  useEffect(() => {
    if (watching && status.data && (status.data.status === 'done' || status.data.status === 'failed')) {
      setScanId(null);
      onDone();
    }
  }, [watching, status.data, onDone]);
  const start = useMutation({
    mutationFn: () => duplicatesApi.scan(object),
    onSuccess: (s) => setScanId(s.id),
    onError: (e: Error) => notifications.show({ color: 'red', message: e.message }),
  });
  const busy = Boolean(scan && (scan.status === 'queued' || scan.status === 'running'));
  return (
    <Card withBorder padding="md" data-testid="duplicate-scan">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ flex: 1, minWidth: 220 }}>
          <Text size="sm" fw={600}>{t('duplicates.scanTitle')}</Text>
          {scan ? (
            <Text size="sm" c={scan.status === 'failed' ? 'red' : 'dimmed'} data-testid="duplicate-scan-status" data-status={scan.status}>
              {scan.status === 'done' ? t('duplicates.scanDone', { date: formatDateTime(scan.finishedAt ?? scan.createdAt), found: scan.found, added: scan.added })
                : scan.status === 'failed' ? t('duplicates.scanFailed', { error: scan.error ?? '' })
                  : t('duplicates.scanRunning', { progress: scan.progress })}
            </Text>
          ) : <Text size="sm" c="dimmed">{t('duplicates.neverScanned')}</Text>}
          {busy && <Progress value={Math.max(scan!.progress, 5)} animated aria-label={t('duplicates.scanProgress')} />}
        </Stack>
        {canAccess(session, object, 'update') && (
          <Button leftSection={<IconScan size={16} />} loading={start.isPending || busy} onClick={() => start.mutate()} data-testid="duplicate-scan-start">{t('duplicates.scanNow')}</Button>
        )}
      </Group>
    </Card>
  );
}

/** 查重: the review queue the duplicate finder fills, with merge and "not duplicates". */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [object, setObject] = useState<CustomerObject>('contact');
  const [status, setStatus] = useState<Status>('open');
  const queue = useInfiniteQuery({
    queryKey: ['duplicates', object, status],
    queryFn: ({ pageParam }) => duplicatesApi.queue({ object, status, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: TDuplicatePairListResponse) => last.nextCursor ?? undefined,
  });
  const dismiss = useMutation({
    mutationFn: (id: string) => duplicatesApi.dismiss(id),
    onSuccess: () => notifications.show({ color: 'gray', message: t('duplicates.dismissed') }),
    onError: (e: Error) => notifications.show({ color: 'red', message: e.message }),
    onSettled: () => client.invalidateQueries({ queryKey: ['duplicates', object] }),
  });
  const first = queue.data?.pages[0];
  const pairs = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const canMerge = canAccess(session, object, 'update') && canAccess(session, object, 'delete');
  const refresh = () => void client.invalidateQueries({ queryKey: ['duplicates', object] });
  return (
    <Stack gap="md" data-testid="duplicates-page">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2}>{t('duplicates.title')}</Title>
          <Text size="sm" c="dimmed">{t('duplicates.hint')}</Text>
        </div>
        <SegmentedControl value={object} onChange={(v) => setObject(v as CustomerObject)} data={[{ value: 'contact', label: t('duplicates.contacts') }, { value: 'account', label: t('duplicates.accounts') }]} data-testid="duplicates-object" />
      </Group>
      <ScanCard key={object} object={object} latest={first?.latestScan ?? null} onDone={refresh} />
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl size="xs" value={status} onChange={(v) => setStatus(v as Status)} data={[
          { value: 'open', label: t('duplicates.statusOpen', { count: first?.openCount ?? 0 }) },
          { value: 'merged', label: t('duplicates.statusMerged') },
          { value: 'dismissed', label: t('duplicates.statusDismissed') },
        ]} />
      </Group>
      {queue.isError && <Alert color="red">{(queue.error as Error).message}</Alert>}
      {queue.isSuccess && pairs.length === 0 && <Text c="dimmed" data-testid="duplicates-empty">{status === 'open' ? t('duplicates.emptyOpen') : t('duplicates.empty')}</Text>}
      {pairs.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" striped data-testid="duplicates-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('duplicates.recordA')}</Table.Th>
                <Table.Th>{t('duplicates.recordB')}</Table.Th>
                <Table.Th>{t('duplicates.why')}</Table.Th>
                <Table.Th>{t('duplicates.score')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pairs.map((p) => (
                <Table.Tr key={p.id} data-testid="duplicate-pair" data-id={p.id}>
                  <Table.Td><PairSide object={object} record={p.a} /></Table.Td>
                  <Table.Td><PairSide object={object} record={p.b} /></Table.Td>
                  <Table.Td style={{ minWidth: 170 }}><Stack gap={2}>{p.reasons.map((r) => <Text key={r} size="xs" fw={600} c="blue">{t(`duplicates.reason_${r}`)}</Text>)}</Stack></Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}><Text size="sm" fw={700} c={p.score >= 0.95 ? 'red' : p.score >= 0.8 ? 'orange' : 'yellow.8'}>{Math.round(p.score * 100)}%</Text></Table.Td>
                  <Table.Td>
                    {status === 'open' && (
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {canMerge && (
                          <Button size="xs" leftSection={<IconGitMerge size={14} />} onClick={() => void navigate({ to: '/duplicates/merge', search: { object, a: p.a.id, b: p.b.id, pair: p.id } })} data-testid="duplicate-review">
                            {t('duplicates.review')}
                          </Button>
                        )}
                        {canAccess(session, object, 'update') && (
                          <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} loading={dismiss.isPending && dismiss.variables === p.id} onClick={() => dismiss.mutate(p.id)} data-testid="duplicate-dismiss">
                            {t('duplicates.notDuplicates')}
                          </Button>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {queue.hasNextPage && <Button variant="default" onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage}>{t('duplicates.loadMore')}</Button>}
    </Stack>
  );
}
