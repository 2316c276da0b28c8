import { useState } from 'react';
import { Button, Card, Group, SegmentedControl, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconRefresh } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../../components/query-state';
import { formatDateTime } from '../../../../i18n/format';
import { runsKey, workflowsApi, type TWorkflow, type TWorkflowCatalog, type TWorkflowRun } from '../workflows-api';
import { RunDetail } from './run-detail';
import { formatDuration, runDuration, RunStatusBadge } from './run-status';

const FILTERS = ['all', 'running', 'waiting', 'completed', 'failed', 'cancelled'] as const;

/** The workflow's runs, newest first, filtered by status; one opens with its path and steps. */
export function RunsTab({ workflow, catalog, runId }: { workflow: TWorkflow; catalog: TWorkflowCatalog; runId: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 48em)');
  const [status, setStatus] = useState<(typeof FILTERS)[number]>('all');
  const runs = useInfiniteQuery({
    queryKey: [...runsKey(workflow.id), status],
    queryFn: ({ pageParam }) => workflowsApi.runs(workflow.id, { status: status === 'all' ? undefined : status, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const open = (run: string | undefined) => void navigate({ to: '/automation/workflows/$id', params: { id: workflow.id }, search: { tab: 'runs', run } });
  if (runId) return <RunDetail runId={runId} catalog={catalog} onBack={() => open(undefined)} />;
  const rows = runs.data?.pages.flatMap((p) => p.data) ?? [];
  const record = (r: TWorkflowRun) => r.recordTitle ?? (r.recordId ? r.recordId.slice(0, 8) : t('workflows.runs.noRecord'));
  return (
    <Stack gap="sm" data-testid="wf-runs">
      <Group justify="space-between">
        <SegmentedControl size="xs" value={status} onChange={(v) => setStatus(v as typeof status)} data={FILTERS.map((f) => ({ value: f, label: f === 'all' ? t('common.all') : t(`workflows.runStatus.${f}`) }))} data-testid="wf-runs-filter" />
        <Button size="xs" variant="subtle" leftSection={<IconRefresh size={14} />} onClick={() => void runs.refetch()} loading={runs.isFetching && !runs.isFetchingNextPage} data-testid="wf-runs-refresh">{t('workflows.runs.refresh')}</Button>
      </Group>
      <QueryState query={runs} />
      {runs.isSuccess && rows.length === 0 && <Text c="dimmed" ta="center" p="xl">{t('workflows.runs.empty')}</Text>}
      {rows.length > 0 && phone && rows.map((r) => (
        <UnstyledButton key={r.id} onClick={() => open(r.id)} data-testid="wf-run-row">
          <Card withBorder padding="sm">
            <Group justify="space-between" wrap="nowrap"><Text fw={600} truncate>{record(r)}</Text><RunStatusBadge status={r.status} /></Group>
            <Text size="xs" c="dimmed">{formatDateTime(r.startedAt)} · {formatDuration(runDuration(r.startedAt, r.finishedAt))}</Text>
            {r.error && <Text size="xs" c="red" lineClamp={2}>{r.error}</Text>}
          </Card>
        </UnstyledButton>
      ))}
      {rows.length > 0 && !phone && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('workflows.runs.status')}</Table.Th><Table.Th>{t('workflows.runs.record')}</Table.Th><Table.Th>{t('workflows.runs.started')}</Table.Th>
                <Table.Th>{t('workflows.runs.duration')}</Table.Th><Table.Th>{t('workflows.runs.version')}</Table.Th><Table.Th>{t('workflows.runs.error')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id} onClick={() => open(r.id)} style={{ cursor: 'pointer' }} data-testid="wf-run-row" data-status={r.status}>
                  <Table.Td><RunStatusBadge status={r.status} /></Table.Td>
                  <Table.Td><Text size="sm">{record(r)}</Text></Table.Td>
                  <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.startedAt)}</Text></Table.Td>
                  <Table.Td><Text size="sm">{r.status === 'waiting' && r.waitingUntil ? t('workflows.runs.waitingUntil', { at: formatDateTime(r.waitingUntil) }) : formatDuration(runDuration(r.startedAt, r.finishedAt))}</Text></Table.Td>
                  <Table.Td><Text size="sm">v{r.workflowVersion}</Text></Table.Td>
                  <Table.Td><Text size="sm" c="red" lineClamp={1}>{r.error ?? ''}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {runs.hasNextPage && <Button variant="default" w="fit-content" mx="auto" onClick={() => void runs.fetchNextPage()} loading={runs.isFetchingNextPage}>{t('common.loadMore')}</Button>}
    </Stack>
  );
}
