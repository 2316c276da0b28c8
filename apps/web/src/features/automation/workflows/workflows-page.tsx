import { useState } from 'react';
import { ActionIcon, Badge, Button, Card, Group, Menu, SegmentedControl, Stack, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus, IconRestore, IconTemplate, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../components/api-errors';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { RequireCapability } from '../../../components/require-capability';
import { formatDateTime } from '../../../i18n/format';
import { CreateWorkflowModal } from './create-workflow-modal';
import { TemplatesModal } from './templates-modal';
import { WorkflowStatusSwitch } from './workflow-status-switch';
import { catalogApi, MANAGE_CAPABILITY, restoreWorkflow, WORKFLOWS_KEY, workflowsApi, type TWorkflowSummary } from './workflows-api';

/** Every workflow of the workspace: what starts it, whether it is on, and its waiting and failed runs. */
export function WorkflowsPage() {
  return <RequireCapability capability={MANAGE_CAPABILITY}><WorkflowsList /></RequireCapability>;
}

function WorkflowsList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const [creating, setCreating] = useState(false);
  const [templates, setTemplates] = useState(false);
  const [view, setView] = useState<'active' | 'trash'>('active');
  const list = useQuery({ queryKey: [...WORKFLOWS_KEY, view], queryFn: () => workflowsApi.list(view === 'trash') });
  const catalog = useQuery({ queryKey: ['automation-catalog'], queryFn: catalogApi.get, staleTime: 60_000 });
  const rows = list.data?.data ?? [];
  const open = (w: TWorkflowSummary, tab?: 'runs') => void navigate({ to: '/automation/workflows/$id', params: { id: w.id }, search: { tab } });
  const objectLabel = (key: string | null) => (key ? catalog.data?.objects.find((o) => o.key === key)?.label ?? key : '—');
  const triggerLabel = (w: TWorkflowSummary) => (w.triggerKind ? t(`workflows.triggerKinds.${w.triggerKind}`) : '—');
  const trash = async (w: TWorkflowSummary) => {
    try {
      await workflowsApi.remove(w.id);
      void client.invalidateQueries({ queryKey: WORKFLOWS_KEY });
      notifications.show({
        message: (
          <Group gap="xs" justify="space-between">
            <Text size="sm">{t('workflows.trashed', { name: w.name })}</Text>
            <Button size="compact-xs" variant="subtle" onClick={() => void restoreWorkflow(w.id).then(() => client.invalidateQueries({ queryKey: WORKFLOWS_KEY }), notifyError)}>{t('workflows.undo')}</Button>
          </Group>
        ),
      });
    } catch (e) {
      notifyError(e);
    }
  };
  const restore = async (w: TWorkflowSummary) => {
    try {
      await restoreWorkflow(w.id);
      void client.invalidateQueries({ queryKey: WORKFLOWS_KEY });
      notifications.show({ color: 'green', message: t('workflows.restored', { name: w.name }) });
    } catch (e) {
      notifyError(e);
    }
  };
  const counts = (w: TWorkflowSummary) => (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={t('workflows.stats.waiting')} withinPortal><Badge size="sm" variant="light" color="grape" data-testid="wf-waiting-count">{w.stats.waiting}</Badge></Tooltip>
      <Tooltip label={t('workflows.stats.failed')} withinPortal>
        <Badge size="sm" variant={w.stats.failed ? 'filled' : 'light'} color="red" style={{ cursor: 'pointer' }} onClick={(e) => { e.stopPropagation(); open(w, 'runs'); }} data-testid="wf-failed-count">{w.stats.failed}</Badge>
      </Tooltip>
    </Group>
  );
  const menu = (w: TWorkflowSummary) => (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target><ActionIcon variant="subtle" color="gray" aria-label={t('common.actions')} onClick={(e) => e.stopPropagation()}><IconDots size={16} /></ActionIcon></Menu.Target>
      <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
        <Menu.Item onClick={() => open(w, 'runs')}>{t('workflows.tabs.runs')}</Menu.Item>
        <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => void trash(w)} data-testid={`wf-trash-${w.id}`}>{t('workflows.moveToTrash')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
  return (
    <Stack>
      <PageHeader title={t('workflows.title')} description={t('workflows.description')} actions={(
        <>
          <Button variant="default" leftSection={<IconTemplate size={16} />} onClick={() => setTemplates(true)} data-testid="wf-templates">{t('workflows.templates.open')}</Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="wf-new">{t('workflows.new')}</Button>
        </>
      )} />
      <SegmentedControl w="fit-content" value={view} onChange={(v) => setView(v as typeof view)} data-testid="wf-view"
        data={[{ value: 'active', label: t('workflows.showActive') }, { value: 'trash', label: t('workflows.showTrash') }]} />
      <QueryState query={list} />
      {list.isSuccess && rows.length === 0 && <Text c="dimmed" ta="center" p="xl">{t(view === 'trash' ? 'workflows.trashEmpty' : 'workflows.empty')}</Text>}
      {view === 'trash' && rows.length > 0 && (
        <Stack gap="xs" data-testid="wf-trash">
          {rows.map((w) => (
            <Card key={w.id} withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={0} style={{ minWidth: 0 }}><Text fw={600} truncate>{w.name}</Text><Text size="xs" c="dimmed">{triggerLabel(w)} · {objectLabel(w.object)} · {t('workflows.deletedAt')} {formatDateTime(w.updatedAt)}</Text></Stack>
                <Button size="xs" variant="light" leftSection={<IconRestore size={14} />} onClick={() => void restore(w)}>{t('workflows.restore')}</Button>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      {view === 'active' && rows.length > 0 && phone && (
        <Stack gap="xs">
          {rows.map((w) => (
            <UnstyledButton key={w.id} onClick={() => open(w)} data-testid="wf-row">
              <Card withBorder padding="sm">
                <Group justify="space-between" wrap="nowrap"><Text fw={600} truncate>{w.name}</Text><WorkflowStatusSwitch workflow={w} size="sm" /></Group>
                <Group justify="space-between" mt={4}><Text size="xs" c="dimmed">{triggerLabel(w)} · {objectLabel(w.object)}</Text>{counts(w)}</Group>
              </Card>
            </UnstyledButton>
          ))}
        </Stack>
      )}
      {view === 'active' && rows.length > 0 && !phone && (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="wf-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('workflows.name')}</Table.Th><Table.Th>{t('workflows.trigger.kind')}</Table.Th><Table.Th>{t('workflows.trigger.object')}</Table.Th>
                <Table.Th>{t('workflows.statusColumn')}</Table.Th><Table.Th>{t('workflows.lastChanged')}</Table.Th><Table.Th>{t('workflows.runsColumn')}</Table.Th><Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((w) => (
                <Table.Tr key={w.id} onClick={() => open(w)} style={{ cursor: 'pointer' }} data-testid="wf-row" data-name={w.name}>
                  <Table.Td>
                    <Text size="sm" fw={500}>{w.name}</Text>
                    <Group gap={4}>
                      {w.publishedVersion !== null ? <Text size="xs" c="dimmed">{t('workflows.publishedVersion', { version: w.publishedVersion })}</Text> : <Text size="xs" c="dimmed">{t('workflows.neverPublished')}</Text>}
                      {w.draftChanged && w.publishedVersion !== null && <Badge size="xs" variant="light" color="orange">{t('workflows.draftChanged')}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td><Text size="sm">{triggerLabel(w)}</Text></Table.Td>
                  <Table.Td><Text size="sm">{objectLabel(w.object)}</Text></Table.Td>
                  <Table.Td><WorkflowStatusSwitch workflow={w} size="sm" /></Table.Td>
                  <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(w.updatedAt)}</Text></Table.Td>
                  <Table.Td>{counts(w)}</Table.Td>
                  <Table.Td>{menu(w)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateWorkflowModal opened={creating} onClose={() => setCreating(false)} />
      <TemplatesModal opened={templates} onClose={() => setTemplates(false)} />
    </Stack>
  );
}
