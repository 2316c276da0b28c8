import { useState } from 'react';
import { Anchor, Badge, Button, Group, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { membersApi } from '../../../api/platform';
import { canAccess, useSession } from '../../../app/session';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { formatDateTime } from '../../../i18n/format';
import { LeadFormModal } from './lead-form-modal';
import { LeadImportModal } from './lead-import-modal';
import { LEAD_SOURCES, LEAD_STATUSES, LEADS_KEY, leadsApi, STATUS_COLORS } from './leads-api';

/** The lead list: filters by status, source, owner and the pool; create and import. */
export function LeadsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [status, setStatus] = useState<string | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [pool, setPool] = useState(false);
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), staleTime: 60_000 });
  const memberName = new Map((members.data?.data ?? []).map((m) => [m.userId, m.name]));
  const query = {
    limit: 50, sort: '-updatedAt', pool: pool ? 'true' : undefined,
    'filter[status][eq]': status ?? undefined, 'filter[source][eq]': source ?? undefined,
    'filter[ownerId][eq]': pool ? undefined : ownerId ?? undefined, 'filter[name][contains]': search.trim() || undefined,
  };
  const list = useInfiniteQuery({
    queryKey: [...LEADS_KEY, 'list', query],
    queryFn: ({ pageParam }) => leadsApi.list({ ...query, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const canCreate = canAccess(session, 'lead', 'create');
  return (
    <Stack>
      <PageHeader title={t('leads.title')} actions={canCreate && (
        <>
          <Button variant="default" onClick={() => setImporting(true)}>{t('leads.import')}</Button>
          <Button onClick={() => setCreating(true)} data-testid="lead-new">{t('leads.new')}</Button>
        </>
      )} />
      <Group gap="sm" align="flex-end">
        <TextInput placeholder={t('leads.name')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={180} aria-label={t('leads.name')} />
        <Select placeholder={t('leads.anyStatus')} clearable value={status} onChange={setStatus} data={LEAD_STATUSES.map((s) => ({ value: s, label: t(`leads.statuses.${s}`) }))} w={150} aria-label={t('leads.status')} />
        <Select placeholder={t('leads.anySource')} clearable value={source} onChange={setSource} data={LEAD_SOURCES.map((s) => ({ value: s, label: t(`leads.sources.${s}`) }))} w={150} aria-label={t('leads.source')} />
        <Select placeholder={t('leads.anyOwner')} clearable searchable disabled={pool} value={ownerId} onChange={setOwnerId} data={(members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name }))} w={170} aria-label={t('leads.owner')} />
        <Switch label={t('leads.onlyPool')} checked={pool} onChange={(e) => setPool(e.currentTarget.checked)} mb={6} />
      </Group>
      <QueryState query={list} />
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('leads.name')}</Table.Th><Table.Th>{t('leads.company')}</Table.Th><Table.Th>{t('leads.status')}</Table.Th>
              <Table.Th>{t('leads.source')}</Table.Th><Table.Th>{t('leads.channel')}</Table.Th><Table.Th>{t('leads.owner')}</Table.Th><Table.Th>{t('leads.region')}</Table.Th><Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td><Anchor component={Link} to={`/leads/${l.id}`}>{l.name}</Anchor></Table.Td>
                <Table.Td>{l.company ?? ''}</Table.Td>
                <Table.Td><Badge color={STATUS_COLORS[l.status ?? 'new']} variant="light">{t(`leads.statuses.${l.status ?? 'new'}`)}</Badge></Table.Td>
                <Table.Td>{l.source ? t(`leads.sources.${l.source}`) : ''}</Table.Td>
                <Table.Td>{l.channel ?? ''}</Table.Td>
                <Table.Td>{l.ownerId ? memberName.get(l.ownerId) ?? '' : <Text size="sm" c="dimmed">{t('leads.noOwner')}</Text>}</Table.Td>
                <Table.Td>{l.region ?? ''}</Table.Td>
                <Table.Td><Text size="xs" c="dimmed">{formatDateTime(l.updatedAt)}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.isSuccess && rows.length === 0 && <Text c="dimmed" ta="center">{t('leads.empty')}</Text>}
      {list.hasNextPage && <Button variant="subtle" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('leads.loadMore')}</Button>}
      <LeadFormModal opened={creating} onClose={() => setCreating(false)} />
      <LeadImportModal opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}
