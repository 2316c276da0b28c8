import { Anchor, Button, Drawer, Group, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/query-state';
import { dataQualityApi, type DataQualityCell } from './data-quality-api';

const show = (value: unknown) => (value === null || value === undefined || value === '' ? '—' : Array.isArray(value) ? value.join(', ') : String(value));

/**
 * The records behind a report cell, found by the server with the condition it counted, so
 * the list matches the number. Each name opens the record's 360° page.
 */
export function QualityRecordsDrawer({ cell, onClose }: { cell: DataQualityCell | null; onClose: () => void }) {
  const { t } = useTranslation();
  const pages = useInfiniteQuery({
    queryKey: ['data-quality-records', cell],
    queryFn: ({ pageParam, signal }) => dataQualityApi.records(cell!, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: cell !== null,
  });
  const rows = pages.data?.pages.flatMap((p) => p.data) ?? [];
  const valueKeys = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
  const title = cell?.check ? t('dataQuality.drillTitle', { check: cell.checkLabel, problem: t(`dataQuality.${cell.problem}`) }) : t('dataQuality.drillAll');
  return (
    <Drawer opened={cell !== null} onClose={onClose} position="right" size="lg" scrollAreaComponent={ScrollArea.Autosize} title={title}>
      {cell && (
        <Stack gap="sm" data-testid="dq-drilldown">
          <Text size="sm" c="dimmed">{t('dataQuality.drillOwner', { owner: cell.ownerLabel })}</Text>
          <QueryState query={pages} />
          {pages.isSuccess && rows.length === 0 && <Text c="dimmed" ta="center" p="md">{t('dataQuality.drillEmpty')}</Text>}
          {rows.length > 0 && (
            <Table.ScrollContainer minWidth={360}>
              <Table verticalSpacing={6} fz="sm" highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('customers.fields.name')}</Table.Th>
                    {!cell.owner && <Table.Th>{t('dataQuality.owner')}</Table.Th>}
                    {valueKeys.map((k) => <Table.Th key={k}>{k.startsWith('custom.') ? cell.checkLabel : t(`customers.fields.${k}`)}</Table.Th>)}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td><Anchor component={Link} to={`/${cell.object}s/${r.id}`} size="sm" fw={500}>{r.name}</Anchor></Table.Td>
                      {!cell.owner && <Table.Td>{r.ownerName ?? (r.ownerId ? t('dataQuality.unknownOwner') : t('dataQuality.noOwner'))}</Table.Td>}
                      {valueKeys.map((k) => <Table.Td key={k}><Text size="sm" c={cell.problem === 'invalid' ? 'red' : 'dimmed'} style={{ wordBreak: 'break-all' }}>{show(r.values[k])}</Text></Table.Td>)}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {pages.hasNextPage && <Group justify="center"><Button variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>{t('dataQuality.loadMore')}</Button></Group>}
        </Stack>
      )}
    </Drawer>
  );
}
