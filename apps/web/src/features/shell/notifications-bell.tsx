import { ActionIcon, Anchor, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationsApi, type AppNotification } from '../../api/notifications';
import { notifyError } from '../../components/api-errors';
import { formatDateTime } from '../../i18n/format';

export const NOTIFICATIONS_KEY = ['notifications'] as const;
const UNREAD_POLL_MS = 60_000;

export function NotificationItem({ item, onOpen }: { item: AppNotification; onOpen: (item: AppNotification) => void }) {
  return (
    <UnstyledButton onClick={() => onOpen(item)} p="xs" style={{ borderRadius: 8 }} w="100%" data-unread={!item.readAt || undefined}>
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <span aria-hidden style={{ width: 8, height: 8, marginTop: 6, flexShrink: 0, borderRadius: 4, background: item.readAt ? 'transparent' : 'var(--mantine-primary-color-filled)' }} />
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={item.readAt ? 400 : 600} lineClamp={2}>{item.title}</Text>
          {item.body && <Text size="xs" c="dimmed" lineClamp={2}>{item.body}</Text>}
          <Text size="xs" c="dimmed">{formatDateTime(item.createdAt)}</Text>
        </div>
      </Group>
    </UnstyledButton>
  );
}

export function useOpenNotification() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return async (item: AppNotification) => {
    if (!item.readAt) {
      await notificationsApi.markRead(item.id).catch(notifyError);
      void client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    }
    if (item.link?.startsWith('/')) await navigate({ to: item.link });
  };
}

export function NotificationsBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const client = useQueryClient();
  const unread = useQuery({ queryKey: [...NOTIFICATIONS_KEY, 'unread'], queryFn: notificationsApi.unreadCount, refetchInterval: UNREAD_POLL_MS, retry: false });
  const list = useQuery({ queryKey: [...NOTIFICATIONS_KEY, 'recent'], queryFn: () => notificationsApi.list({ limit: 10 }), enabled: opened });
  const openItem = useOpenNotification();
  const readAll = useMutation({
    mutationFn: notificationsApi.markAllRead,
    onSuccess: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
    onError: notifyError,
  });
  const count = unread.data?.count ?? 0;
  const label = count > 0 ? t('notifications.unreadLabel', { count }) : t('notifications.title');
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md" withinPortal>
      <Popover.Target>
        <Tooltip label={label} disabled={opened}>
          <Indicator label={count > 99 ? '99+' : count} size={16} disabled={count === 0} offset={4} color="red">
            <ActionIcon variant="default" size="lg" aria-label={label} onClick={() => setOpened((o) => !o)} data-testid="notifications-bell">
              <IconBell size={18} />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" px="xs" pb={4}>
          <Text fw={600}>{t('notifications.title')}</Text>
          <Button size="compact-xs" variant="subtle" onClick={() => readAll.mutate()} disabled={count === 0} loading={readAll.isPending}>{t('notifications.markAllRead')}</Button>
        </Group>
        <Divider />
        <ScrollArea.Autosize mah={360} type="auto">
          <Stack gap={0} py={4}>
            {list.isLoading && <Text size="sm" c="dimmed" p="sm">{t('common.loading')}</Text>}
            {list.isError && <Text size="sm" c="red" p="sm">{(list.error as Error).message}</Text>}
            {list.data?.data.length === 0 && <Text size="sm" c="dimmed" p="sm" ta="center">{t('notifications.empty')}</Text>}
            {list.data?.data.map((n) => <NotificationItem key={n.id} item={n} onOpen={(item) => { setOpened(false); void openItem(item); }} />)}
          </Stack>
        </ScrollArea.Autosize>
        <Divider />
        <Anchor component={Link} to="/notifications" size="sm" display="block" ta="center" p={6} onClick={() => setOpened(false)}>{t('notifications.viewAll')}</Anchor>
      </Popover.Dropdown>
    </Popover>
  );
}
