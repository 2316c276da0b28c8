import { Button, Card, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../components/api-errors';
import { tasksApi } from './tasks-api';

/** The private calendar feed URL of the signed-in user, to copy into a calendar app, and its rotation. */
export function IcalFeedCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const feed = useQuery({ queryKey: ['ical-feed'], queryFn: tasksApi.icalFeed });
  const rotate = useMutation({
    mutationFn: tasksApi.rotateIcalFeed,
    onSuccess: (data) => queryClient.setQueryData(['ical-feed'], data),
    onError: notifyError,
  });
  const url = feed.data?.url ?? null;
  return (
    <Card withBorder padding="lg" data-testid="ical-card">
      <Stack gap="sm" maw={640}>
        <Title order={4}>{t('tasks.icalTitle')}</Title>
        <Text size="sm" c="dimmed">{t('tasks.icalDescription')}</Text>
        {url && (
          <Group gap="xs" wrap="nowrap">
            <TextInput style={{ flex: 1 }} readOnly value={url} aria-label={t('tasks.icalTitle')} onFocus={(e) => e.currentTarget.select()} data-testid="ical-url" />
            <CopyButton value={url}>{({ copied, copy }) => <Button variant="light" onClick={copy}>{copied ? t('tasks.copied') : t('tasks.copy')}</Button>}</CopyButton>
          </Group>
        )}
        <Group>
          <Button variant={url ? 'default' : 'filled'} loading={rotate.isPending} disabled={feed.isLoading} onClick={() => rotate.mutate()} data-testid="ical-rotate">{url ? t('tasks.icalRotate') : t('tasks.icalCreate')}</Button>
          {url && <Text size="xs" c="dimmed">{t('tasks.icalRotateHint')}</Text>}
        </Group>
      </Stack>
    </Card>
  );
}
