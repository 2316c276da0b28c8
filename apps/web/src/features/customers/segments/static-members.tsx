import { useState } from 'react';
import { ActionIcon, Button, Card, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySaved } from '../../../components/api-errors';
import { RecordSelect } from '../record-select';
import type { TSegment } from './segments-api';
import { segmentsApi } from './segments-api';
import { TagChips } from './tag-chips';

/** Members of a static list: add one record, snapshot a dynamic segment, remove rows. */
export function StaticMembers({ segment, canEdit }: { segment: TSegment; canEdit: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [pick, setPick] = useState<string | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const key = ['segment-members', segment.id];
  const members = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => segmentsApi.members(segment.id, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const dynamic = useQuery({ queryKey: ['segments', segment.object], queryFn: () => segmentsApi.list(segment.object) });
  const rows = members.data?.pages.flatMap((p) => p.data) ?? [];
  const done = async (p: Promise<{ added: number; removed: number; skipped: unknown[] }>) => {
    try {
      const r = await p;
      notifySaved(t('segments.membersChanged', { added: r.added, removed: r.removed, skipped: r.skipped.length }));
      setPick(null);
      setSource(null);
      void client.invalidateQueries({ queryKey: key });
      void client.invalidateQueries({ queryKey: ['segments'] });
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="sm">
        <Text fw={600}>{t('segments.members')}</Text>
        {canEdit && (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <div style={{ flex: '1 1 200px', minWidth: 0 }}><RecordSelect object={segment.object} label={t('segments.addRecord')} value={pick} onChange={setPick} /></div>
            <Button disabled={!pick} onClick={() => void done(segmentsApi.addMembers(segment.id, { ids: [pick!] }))}>{t('segments.add')}</Button>
          </Group>
        )}
        {canEdit && (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <Select style={{ flex: '1 1 200px', minWidth: 0 }} label={t('segments.addFromSegment')} value={source} onChange={setSource} comboboxProps={{ withinPortal: true }}
              data={(dynamic.data?.data ?? []).filter((s) => s.id !== segment.id).map((s) => ({ value: s.id, label: `${s.name} (${s.count ?? '–'})` }))} />
            <Button variant="light" disabled={!source} onClick={() => void done(segmentsApi.addMembers(segment.id, { fromSegmentId: source! }))}>{t('segments.snapshot')}</Button>
          </Group>
        )}
        {members.isSuccess && rows.length === 0 && <Text size="sm" c="dimmed">{t('segments.noMembers')}</Text>}
        {rows.length > 0 && (
          <Table.ScrollContainer minWidth={300}>
            <Table verticalSpacing={6} fz="sm">
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.id}>
                    <Table.Td><Text size="sm" fw={500} lineClamp={1}>{row.name}</Text></Table.Td>
                    <Table.Td><TagChips tags={row.tags ?? []} size="xs" max={2} /></Table.Td>
                    {canEdit && <Table.Td w={40}><ActionIcon variant="subtle" color="red" aria-label={t('common.remove')} onClick={() => void done(segmentsApi.removeMembers(segment.id, [row.id!]))}><IconTrash size={16} /></ActionIcon></Table.Td>}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {members.hasNextPage && <Button variant="default" onClick={() => void members.fetchNextPage()} loading={members.isFetchingNextPage}>{t('common.loadMore')}</Button>}
      </Stack>
    </Card>
  );
}
