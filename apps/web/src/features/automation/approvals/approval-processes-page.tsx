import { useState } from 'react';
import { Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySaved } from '../../../components/api-errors';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { RequireCapability } from '../../../components/require-capability';
import { ApprovalProcessEditor } from './approval-process-editor';
import { approvalProcessesApi, MANAGE_CAPABILITY, PROCESSES_KEY, type TApprovalProcess } from './approvals-api';

function ProcessList() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [trash, setTrash] = useState(false);
  const [editing, setEditing] = useState<TApprovalProcess | 'new' | null>(null);
  const list = useQuery({ queryKey: [...PROCESSES_KEY, trash], queryFn: () => approvalProcessesApi.list(trash) });
  const catalog = useQuery({ queryKey: ['automation-catalog'], queryFn: approvalProcessesApi.catalog, staleTime: 60_000 });
  const change = useMutation({
    mutationFn: (p: TApprovalProcess) => (trash ? approvalProcessesApi.restore(p.id, p.version) : approvalProcessesApi.remove(p.id, p.version)),
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: PROCESSES_KEY }); notifySaved(); },
    onError: notifyError,
  });
  const kindLabel = (p: TApprovalProcess) => p.steps.map((s) => s.name).join(' → ');
  return (
    <Stack>
      <PageHeader title={t('approvals.processesTitle')} description={t('approvals.processesDescription')}
        actions={<Button leftSection={<IconPlus size={16} />} disabled={!catalog.data} onClick={() => setEditing('new')} data-testid="new-process">{t('approvals.newProcess')}</Button>} />
      <SegmentedControl w="fit-content" value={trash ? 'trash' : 'live'} onChange={(v) => setTrash(v === 'trash')} data={[{ value: 'live', label: t('approvals.live') }, { value: 'trash', label: t('approvals.trash') }]} />
      <QueryState query={list} />
      {list.data?.data.length === 0 && <Text c="dimmed">{t(trash ? 'approvals.trashEmpty' : 'approvals.noProcesses')}</Text>}
      {(list.data?.data.length ?? 0) > 0 && (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={600}>
            <Table highlightOnHover>
              <Table.Thead><Table.Tr><Table.Th>{t('approvals.name')}</Table.Th><Table.Th>{t('approvals.object')}</Table.Th><Table.Th>{t('approvals.steps')}</Table.Th><Table.Th /><Table.Th /></Table.Tr></Table.Thead>
              <Table.Tbody>
                {list.data?.data.map((p) => (
                  <Table.Tr key={p.id} data-testid="process-row">
                    <Table.Td><Text size="sm" fw={500}>{p.name}</Text></Table.Td>
                    <Table.Td>{p.objectLabel}</Table.Td>
                    <Table.Td><Text size="sm" lineClamp={1}>{kindLabel(p)}</Text></Table.Td>
                    <Table.Td>{!trash && <Badge variant="light" color={p.active ? 'green' : 'gray'}>{t(p.active ? 'approvals.on' : 'approvals.off')}</Badge>}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {!trash && <Button size="xs" variant="light" disabled={!catalog.data} onClick={() => setEditing(p)}>{t('approvals.edit')}</Button>}
                        <Button size="xs" variant="subtle" color={trash ? 'blue' : 'red'} loading={change.isPending && change.variables?.id === p.id} onClick={() => change.mutate(p)}>{t(trash ? 'approvals.restore' : 'approvals.moveToTrash')}</Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {editing && catalog.data && <ApprovalProcessEditor process={editing === 'new' ? null : editing} objects={catalog.data.objects} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

/** Settings → Approval processes (admins with `automation.manage`). */
export function ApprovalProcessesPage() {
  return <RequireCapability capability={MANAGE_CAPABILITY}><ProcessList /></RequireCapability>;
}
