import { Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationsApi } from '../../api/notifications';
import { notifyError } from '../../components/api-errors';
import { NOTIFICATIONS_KEY, NotificationItem, useOpenNotification } from './notifications-bell';

export function NotificationsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const openItem = useOpenNotification();
  const pages = useInfiniteQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'page', filter],
    queryFn: ({ pageParam }) => notificationsApi.list({ cursor: pageParam, limit: 30, unread: filter === 'unread' }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const readAll = useMutation({ mutationFn: notificationsApi.markAllRead, onSuccess: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }), onError: notifyError });
  const rows = pages.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Stack maw={760}>
      <Group justify="space-between">
        <Title order={2}>{t('notifications.title')}</Title>
        <Button variant="light" onClick={() => readAll.mutate()} loading={readAll.isPending}>{t('notifications.markAllRead')}</Button>
      </Group>
      <SegmentedControl value={filter} onChange={(v) => setFilter(v as 'all' | 'unread')} data={[{ value: 'all', label: t('notifications.all') }, { value: 'unread', label: t('notifications.unread') }]} w="fit-content" />
      <Card withBorder p="xs">
        {pages.isError && <Text c="red" p="sm">{(pages.error as Error).message}</Text>}
        {!pages.isLoading && rows.length === 0 && <Text c="dimmed" ta="center" p="lg">{t('notifications.empty')}</Text>}
        {rows.map((n) => <NotificationItem key={n.id} item={n} onOpen={(item) => void openItem(item)} />)}
      </Card>
      {pages.hasNextPage && <Button variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>{t('common.loadMore')}</Button>}
    </Stack>
  );
}
