import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney } from '../../../i18n/format';
import { dealsApi, type TDeal } from './deals-api';
import { ExportButton } from '../../customers/imports/export-button';

type SortKey = 'name' | 'amountMinor' | 'closeDate' | 'probability' | 'status' | 'updatedAt';

/**
 * Deals as a table over `GET /deals`: sortable columns, filters (name, status, owner), cursor
 * pages loaded on demand, and bulk assign/delete with each deal's own result.
 */
export function DealsTable({ ownerOptions, ownerNames }: { ownerOptions: Array<{ value: string; label: string }>; ownerNames: Map<string, string> }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'updatedAt', desc: true });
  const [name, setName] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assignTo, setAssignTo] = useState<string | null>(null);
  const query = useMemo(() => {
    const q: Record<string, string | number | undefined> = { sort: `${sort.desc ? '-' : ''}${sort.key}`, limit: 50 };
    if (name.trim()) q['filter[name][contains]'] = name.trim();
    if (status) q['filter[status][eq]'] = status;
    if (ownerId) q['filter[ownerId][eq]'] = ownerId;
    return q;
  }, [sort, name, status, ownerId]);
  const list = useInfiniteQuery({
    queryKey: ['deals-table', query],
    queryFn: ({ pageParam }) => dealsApi.list({ ...query, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows: TDeal[] = list.data?.pages.flatMap((p) => p.data) ?? [];
  const bulk = useMutation({
    mutationFn: (body: Parameters<typeof dealsApi.bulk>[0]) => dealsApi.bulk(body),
    onSuccess: (res) => {
      const failed = res.results.filter((r) => !r.ok);
      notifications.show({ color: failed.length ? 'orange' : 'green', message: t('deals.bulkDone', { ok: res.results.length - failed.length, failed: failed.length }) + (failed[0]?.message ? ` — ${failed[0].message}` : '') });
      setSelected(new Set(failed.map((r) => r.id)));
      void queryClient.invalidateQueries({ queryKey: ['deals-table'] });
      void queryClient.invalidateQueries({ queryKey: ['deals-board'] });
    },
    onError: (error: Error) => notifications.show({ color: 'red', message: error.message }),
  });
  const toggle = (id: string) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const header = (key: SortKey, label: string) => (
    <Table.Th>
      <UnstyledButton onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }))}>
        <Group gap={2} wrap="nowrap"><Text size="sm" fw={600}>{label}</Text>{sort.key === key && (sort.desc ? <IconArrowDown size={14} /> : <IconArrowUp size={14} />)}</Group>
      </UnstyledButton>
    </Table.Th>
  );
  return (
    <Stack>
      <Group gap="sm" align="end">
        <TextInput label={t('deals.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} w={200} />
        <Select label={t('deals.statusLabel')} data={['open', 'won', 'lost'].map((s) => ({ value: s, label: t(`deals.status.${s}`) }))} value={status} onChange={setStatus} clearable w={140} />
        <Select label={t('deals.owner')} data={ownerOptions} value={ownerId} onChange={setOwnerId} clearable searchable placeholder={t('deals.anyOwner')} w={200} />
        <div style={{ marginLeft: 'auto' }}>
          {/* The export takes the table's filters and sort (the list query's own form). */}
          <ExportButton object="deal" filters={Object.fromEntries(Object.entries(query).filter(([k]) => k.startsWith('filter[')).map(([k, v]) => [k, v === undefined ? undefined : String(v)]))} sort={String(query.sort)} />
        </div>
      </Group>
      {selected.size > 0 && (
        <Group gap="sm" data-testid="deals-bulk">
          <Text size="sm">{t('deals.selected', { count: selected.size })}</Text>
          <Select placeholder={t('deals.assignTo')} data={ownerOptions} value={assignTo} onChange={setAssignTo} searchable w={200} />
          <Button size="xs" disabled={!assignTo} loading={bulk.isPending} onClick={() => assignTo && bulk.mutate({ action: 'assign', ids: [...selected], ownerId: assignTo })}>{t('deals.assign')}</Button>
          <Button size="xs" color="red" variant="light" loading={bulk.isPending} onClick={() => bulk.mutate({ action: 'delete', ids: [...selected] })}>{t('deals.delete')}</Button>
        </Group>
      )}
      <Table.ScrollContainer minWidth={800}>
        <Table striped highlightOnHover data-testid="deals-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={32}><Checkbox aria-label={t('deals.selectAll')} checked={rows.length > 0 && rows.every((r) => selected.has(r.id))} onChange={(e) => setSelected(e.currentTarget.checked ? new Set(rows.map((r) => r.id)) : new Set())} /></Table.Th>
              {header('name', t('deals.name'))}
              {header('amountMinor', t('deals.amount'))}
              {header('status', t('deals.statusLabel'))}
              {header('probability', t('deals.probability'))}
              {header('closeDate', t('deals.closeDate'))}
              <Table.Th>{t('deals.owner')}</Table.Th>
              {header('updatedAt', t('deals.updated'))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => (
              <Table.Tr key={d.id} data-deal-row={d.id}>
                <Table.Td><Checkbox aria-label={d.name} checked={selected.has(d.id)} onChange={() => toggle(d.id)} /></Table.Td>
                <Table.Td><Anchor component={Link} to={`/deals/${d.id}`} size="sm">{d.name}</Anchor></Table.Td>
                <Table.Td>{typeof d.amountMinor === 'number' ? formatMoney(d.amountMinor, d.currency ?? 'CNY') : '***'}</Table.Td>
                <Table.Td><Badge variant="light" color={d.status === 'won' ? 'green' : d.status === 'lost' ? 'red' : 'blue'}>{t(`deals.status.${d.status ?? 'open'}`)}</Badge></Table.Td>
                <Table.Td>{d.probability == null ? '–' : `${String(d.probability)}%`}</Table.Td>
                <Table.Td>{d.closeDate ? formatDate(d.closeDate) : '–'}</Table.Td>
                <Table.Td>{d.ownerId ? ownerNames.get(d.ownerId) ?? '–' : '–'}</Table.Td>
                <Table.Td>{d.updatedAt ? formatDate(d.updatedAt) : '–'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.isSuccess && rows.length === 0 && <Text c="dimmed" size="sm">{t('deals.noDeals')}</Text>}
      {list.error && <Text c="red" size="sm">{list.error.message}</Text>}
      {list.hasNextPage && <Button variant="subtle" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('deals.loadMore')}</Button>}
    </Stack>
  );
}
