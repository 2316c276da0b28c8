import { useState } from 'react';
import { Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { CustomerObject } from '../record-config';
import { ownershipApi, type TPoolListResponse } from './ownership-api';

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString() : '—');

/** 公海: ownerless customers, with claim buttons, the user's limits and cooldown messages. */
export function PoolPage() {
  const { t } = useTranslation();
  const [object, setObject] = useState<CustomerObject>('contact');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const queryClient = useQueryClient();
  const list = useInfiniteQuery({
    queryKey: ['pool', object, q],
    queryFn: ({ pageParam }) => ownershipApi.pool(object, { q: q || undefined, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: TPoolListResponse) => last.nextCursor ?? undefined,
  });
  const claim = useMutation({
    mutationFn: (id: string) => ownershipApi.claim(object, id),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('ownership.claimed') });
      // The claimed record's owner changed: cached lists, its record page and ownership panel are out of date.
      void queryClient.invalidateQueries({ queryKey: ['records', object] });
      void queryClient.invalidateQueries({ queryKey: ['ownership', object] });
    },
    onError: (error: Error) => notifications.show({ color: 'red', message: error.message }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['pool', object] }),
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const limits = list.data?.pages[0]?.limits;
  const atDailyLimit = Boolean(limits && limits.claimDailyLimit > 0 && limits.claimedToday >= limits.claimDailyLimit);
  const path = object === 'contact' ? '/contacts/$id' : '/accounts/$id';
  return (
    <Stack gap="md" data-testid="pool-page">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2}>{t('ownership.poolTitle')}</Title>
          <Text size="sm" c="dimmed">{t('ownership.poolHint')}</Text>
        </div>
        <SegmentedControl value={object} onChange={(v) => setObject(v as CustomerObject)} data={[{ value: 'contact', label: t('ownership.contacts') }, { value: 'account', label: t('ownership.accounts') }]} />
      </Group>
      {limits && (
        <Card withBorder padding="sm" data-testid="pool-limits">
          <Group gap="xs" wrap="wrap">
            <Badge color={atDailyLimit ? 'red' : 'blue'} variant="light" size="lg">{t('ownership.claimedToday', { count: limits.claimedToday, limit: limits.claimDailyLimit || t('ownership.noLimit') })}</Badge>
            {limits.owned.map((o) => (
              <Badge key={o.level} variant="outline" size="lg" color={o.max > 0 && o.owned >= o.max ? 'red' : 'gray'}>{t('ownership.ownedLevel', { level: o.level, owned: o.owned, max: o.max || t('ownership.noLimit') })}</Badge>
            ))}
          </Group>
        </Card>
      )}
      <TextInput leftSection={<IconSearch size={16} />} placeholder={t('ownership.search')} aria-label={t('ownership.search')} data-testid="pool-search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={360} />
      {list.isError && <Text c="red">{(list.error as Error).message}</Text>}
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('ownership.name')}</Table.Th>
              <Table.Th>{t('ownership.level')}</Table.Th>
              <Table.Th>{t('ownership.stage')}</Table.Th>
              <Table.Th>{t('ownership.enteredPool')}</Table.Th>
              <Table.Th>{t('ownership.previousOwner')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} data-testid="pool-row" data-id={r.id}>
                <Table.Td><Link to={path} params={{ id: r.id }}>{r.name}</Link></Table.Td>
                <Table.Td>{r.customerLevel ?? '—'}</Table.Td>
                <Table.Td>{r.lifecycleStage ? t(`ownership.stage_${r.lifecycleStage}`) : '—'}</Table.Td>
                <Table.Td>{day(r.poolEnteredAt)}</Table.Td>
                <Table.Td>{r.previousOwnerName ?? '—'}</Table.Td>
                <Table.Td>
                  {r.cooldownUntil ? (
                    <Text size="xs" c="orange">{t('ownership.cooldownUntil', { date: day(r.cooldownUntil) })}</Text>
                  ) : (
                    <Button size="compact-sm" disabled={atDailyLimit} loading={claim.isPending && claim.variables === r.id} onClick={() => claim.mutate(r.id)} data-testid="pool-claim">{t('ownership.claim')}</Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!list.isPending && rows.length === 0 && <Text c="dimmed" ta="center" data-testid="pool-empty">{t('ownership.empty')}</Text>}
      {list.hasNextPage && <Button variant="light" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('ownership.loadMore')}</Button>}
    </Stack>
  );
}
