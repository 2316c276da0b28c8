import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCopy, IconEye } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../i18n/format';
import { versionsKey, workflowsApi, type TWorkflow, type TWorkflowVersion } from './workflows-api';

interface Props {
  workflow: TWorkflow;
  /** The version shown read-only on the canvas, if any. */
  viewing: number | null;
  onView: (version: TWorkflowVersion | null) => void;
  onRestore: (version: TWorkflowVersion) => void;
  restoring: number | null;
}

/** Published versions, newest first: who published each and when; open one read-only or copy it into the draft. */
export function VersionsPanel({ workflow, viewing, onView, onRestore, restoring }: Props) {
  const { t } = useTranslation();
  const versions = useQuery({ queryKey: versionsKey(workflow.id, workflow.publishedVersion), queryFn: () => workflowsApi.versions(workflow.id) });
  const list = versions.data?.data ?? [];
  if (versions.isError) return <Text size="sm" c="red">{(versions.error as Error).message}</Text>;
  if (versions.data && list.length === 0) return <Text size="sm" c="dimmed">{t('workflows.versions.empty')}</Text>;
  return (
    <Stack gap="xs" data-testid="wf-versions">
      <Text size="xs" c="dimmed">{t('workflows.versions.help')}</Text>
      {list.map((v) => (
        <Paper key={v.version} withBorder p="xs" radius="sm" data-testid="wf-version" data-version={v.version} style={viewing === v.version ? { borderColor: 'var(--mantine-color-blue-6)' } : undefined}>
          <Group justify="space-between" gap={4} wrap="nowrap">
            <Text size="sm" fw={600}>{t('workflows.versions.version', { version: v.version })}</Text>
            {v.version === workflow.publishedVersion && <Badge size="xs" variant="light" color="teal">{t('workflows.versions.live')}</Badge>}
          </Group>
          <Text size="xs" c="dimmed">{t('workflows.versions.publishedBy', { name: v.publishedByName ?? t('workflows.versions.someone'), at: formatDateTime(v.publishedAt) })}</Text>
          <Group gap={6} mt={6}>
            <Button size="compact-xs" variant={viewing === v.version ? 'filled' : 'light'} leftSection={<IconEye size={14} />} onClick={() => onView(viewing === v.version ? null : v)} data-testid="wf-version-view">
              {viewing === v.version ? t('workflows.versions.backToDraft') : t('workflows.versions.view')}
            </Button>
            <Button size="compact-xs" variant="default" leftSection={<IconCopy size={14} />} loading={restoring === v.version} disabled={restoring !== null} onClick={() => onRestore(v)} data-testid="wf-version-restore">{t('workflows.versions.restore')}</Button>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
