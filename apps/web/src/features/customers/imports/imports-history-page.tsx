import { Badge, Button, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { TImport } from '@voyage/contracts';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { formatDateTime } from '../../../i18n/format';
import { importsApi } from './imports-api';

const COLORS: Record<TImport['status'], string> = { uploaded: 'gray', mapped: 'gray', validating: 'blue', dry_run_done: 'cyan', running: 'blue', done: 'teal', failed: 'red', undone: 'gray' };

export function ImportsHistoryPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useQuery({ queryKey: ['imports'], queryFn: importsApi.list, refetchInterval: (q) => (q.state.data?.data.some((i) => i.status === 'running') ? 2000 : false) });
  const rows = list.data?.data ?? [];
  return (
    <Stack>
      <PageHeader title={t('imports.history')} actions={<Button component={Link} to="/imports/new" leftSection={<IconUpload size={16} />}>{t('imports.new')}</Button>} />
      <QueryState query={list} />
      {list.isSuccess && rows.length === 0 && <Text c="dimmed" ta="center" p="xl">{t('imports.none')}</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.file')}</Table.Th>
                <Table.Th>{t('imports.object')}</Table.Th>
                <Table.Th>{t('imports.status')}</Table.Th>
                <Table.Th>{t('imports.counts.created')}</Table.Th>
                <Table.Th>{t('imports.counts.updated')}</Table.Th>
                <Table.Th>{t('imports.counts.rejected')}</Table.Th>
                <Table.Th>{t('imports.when')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id} style={{ cursor: 'pointer' }} onClick={() => void navigate({ to: '/imports/$id', params: { id: row.id } })}>
                  <Table.Td><Text size="sm" fw={500}>{row.fileName}</Text></Table.Td>
                  <Table.Td><Text size="sm">{t(`imports.objects.${row.object}`)}</Text></Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Badge color={COLORS[row.status]} variant="light">{t(`imports.statuses.${row.status}`)}</Badge>
                      {row.status === 'running' && <Progress value={row.progress} w={80} />}
                    </Group>
                  </Table.Td>
                  <Table.Td>{row.counts.created.toLocaleString()}</Table.Td>
                  <Table.Td>{row.counts.updated.toLocaleString()}</Table.Td>
                  <Table.Td>{row.counts.rejected.toLocaleString()}</Table.Td>
                  <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.createdAt)}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
