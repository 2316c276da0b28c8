import { useEffect, useState } from 'react';
import { Button, Card, Checkbox, Drawer, Group, ScrollArea, Select, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { IconPlus, IconSearch, IconTag, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { customFieldsApi } from '../../api/platform';
import { canAccess, useSession } from '../../app/session';
import { notifyError, notifySaved } from '../../components/api-errors';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { localized } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { formatCustomValue } from './custom-field-input';
import { ListImportExport } from './imports/list-actions';
import type { ObjectConfig, RecordRow } from './record-config';
import { RecordForm } from './record-form';
import { MemberSelect } from './record-select';
import { BulkTagActions } from './segments/bulk-tag-actions';
import { TagChips } from './segments/tag-chips';

const PAGE_SIZE = 50;
/** Custom fields shown as table columns; the rest appear in the form. */
const CUSTOM_COLUMNS = 3;
const SORTS = ['-updatedAt', '-createdAt', 'name', '-name'] as const;

function cell(key: string, row: RecordRow): React.ReactNode {
  const value = row[key];
  if (key === 'tags') return <TagChips tags={row.tags ?? []} />;
  if (key === 'updatedAt' || key === 'createdAt') return <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(value as string)}</Text>;
  return <Text size="sm" lineClamp={1}>{(value as string) ?? ''}</Text>;
}

export function RecordListPage({ config }: { config: ObjectConfig }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { open?: string };
  const [q, setQ] = useState('');
  const [owner, setOwner] = useState<string | null>(null);
  const [tag, setTag] = useState('');
  const [sort, setSort] = useState<string>('-updatedAt');
  const [term] = useDebouncedValue(q.trim(), 300);
  const [tagTerm] = useDebouncedValue(tag.trim(), 300);
  const [editing, setEditing] = useState<RecordRow | 'new' | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  // Field reps on phones get one card per record instead of a wide table.
  const phone = useMediaQuery('(max-width: 48em)');
  const fields = useQuery({ queryKey: ['custom-fields', config.object], queryFn: () => customFieldsApi.list(config.object) });
  const customFields = fields.data?.data ?? [];
  const filters = { 'filter[name][contains]': term || undefined, 'filter[ownerId][eq]': owner ?? undefined, 'filter[tags][contains]': tagTerm || undefined, sort };
  const listKey = ['records', config.object];
  const pages = useInfiniteQuery({
    queryKey: [...listKey, filters],
    queryFn: ({ pageParam, signal }) => config.api.list({ ...filters, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = pages.data?.pages.flatMap((p) => p.data) ?? [];
  const canCreate = canAccess(session, config.object, 'create');
  const canDelete = canAccess(session, config.object, 'delete');
  const canSelect = canAccess(session, config.object, 'update');
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));

  // A search hit links here with ?open=<id>: open that record.
  useEffect(() => {
    if (!search.open) return;
    config.api.get(search.open).then((r) => setEditing(r), notifyError);
  }, [search.open, config.api]);

  function closeDrawer() {
    setEditing(null);
    if (search.open) void navigate({ to: '.', search: {} });
  }
  const refresh = () => client.invalidateQueries({ queryKey: listKey });
  const remove = (row: RecordRow) =>
    modals.openConfirmModal({
      title: t('customers.deleteTitle'),
      children: <Text size="sm">{t('customers.deleteConfirm', { name: row.name })}</Text>,
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        try {
          await config.api.remove(row.id!);
          notifySaved(t('customers.deleted'));
          closeDrawer();
          void refresh();
        } catch (e) {
          notifyError(e);
        }
      },
    });
  const shownCustom = customFields.slice(0, CUSTOM_COLUMNS);
  return (
    <Stack>
      <PageHeader title={t(config.titleKey)} actions={<Group gap="xs"><ListImportExport object={config.object} query={filters} fields={['name', ...config.columns, ...shownCustom.map((f) => `custom.${f.key}`)]} />{canCreate && <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>{t(config.newKey)}</Button>}</Group>} />
      <Group gap="sm" wrap="wrap">
        <TextInput leftSection={<IconSearch size={16} />} placeholder={t('customers.searchName')} aria-label={t('customers.searchName')} value={q} onChange={(e) => setQ(e.currentTarget.value)} style={{ flex: 2, minWidth: 200 }} />
        <div style={{ flex: 1, minWidth: 160 }}><MemberSelect placeholder={t('customers.anyOwner')} value={owner} onChange={setOwner} /></div>
        <TextInput leftSection={<IconTag size={16} />} placeholder={t('customers.tag')} aria-label={t('customers.tag')} value={tag} onChange={(e) => setTag(e.currentTarget.value)} style={{ flex: 1, minWidth: 140 }} />
        <Select aria-label={t('customers.sort')} value={sort} onChange={(v) => v && setSort(v)} allowDeselect={false} w={170} data={SORTS.map((s) => ({ value: s, label: t(`customers.sorts.${s}`) }))} comboboxProps={{ withinPortal: true }} />
      </Group>
      <BulkTagActions object={config.object} ids={selected} onDone={() => { setSelected([]); void refresh(); }} />
      <QueryState query={pages} />
      {pages.isSuccess && rows.length === 0 && <Text c="dimmed" ta="center" p="xl">{term || owner || tagTerm ? t('common.noResults') : t('customers.empty')}</Text>}
      {rows.length > 0 && phone && (
        <Stack gap="xs" data-testid="record-cards">
          {rows.map((row) => (
            <UnstyledButton key={row.id} onClick={() => void navigate({ to: `/${config.object}s/${row.id}` })}>
              <Card withBorder padding="sm">
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600} truncate>{row.name}</Text>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.updatedAt)}</Text>
                </Group>
                <Text size="sm" c="dimmed" truncate>{config.columns.filter((c) => c !== 'tags' && c !== 'updatedAt').map((c) => row[c]).filter(Boolean).join(' · ')}</Text>
                {(row.tags?.length ?? 0) > 0 && <TagChips tags={row.tags!} size="xs" max={4} />}
              </Card>
            </UnstyledButton>
          ))}
        </Stack>
      )}
      {rows.length > 0 && !phone && (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" highlightOnHover stickyHeader>
            <Table.Thead>
              <Table.Tr>
                {canSelect && <Table.Th w={36}><Checkbox aria-label={t('segments.selectAll')} checked={rows.length > 0 && selected.length === rows.length} indeterminate={selected.length > 0 && selected.length < rows.length} onChange={() => setSelected(selected.length === rows.length ? [] : rows.map((r) => r.id!))} /></Table.Th>}
                <Table.Th>{t('customers.fields.name')}</Table.Th>
                {config.columns.map((c) => <Table.Th key={c}>{t(`customers.fields.${c}`)}</Table.Th>)}
                {shownCustom.map((f) => <Table.Th key={f.id}>{localized(f.labels, f.label)}</Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id} onClick={() => setEditing(row)} style={{ cursor: 'pointer' }}>
                  {canSelect && <Table.Td onClick={(e) => e.stopPropagation()}><Checkbox aria-label={t('segments.selectRow')} checked={selected.includes(row.id!)} onChange={() => toggle(row.id!)} /></Table.Td>}
                  <Table.Td><Text size="sm" fw={500} component={Link} to={`/${config.object}s/${row.id}`} onClick={(e: React.MouseEvent) => e.stopPropagation()} c="var(--mantine-primary-color-filled)">{row.name}</Text></Table.Td>
                  {config.columns.map((c) => <Table.Td key={c}>{cell(c, row)}</Table.Td>)}
                  {shownCustom.map((f) => <Table.Td key={f.id}><Text size="sm" lineClamp={1}>{formatCustomValue(f, row.custom?.[f.key])}</Text></Table.Td>)}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pages.hasNextPage && <Group justify="center"><Button variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>{t('common.loadMore')}</Button></Group>}
      <Drawer opened={editing !== null} onClose={closeDrawer} position="right" size="xl" scrollAreaComponent={ScrollArea.Autosize}
        title={editing === 'new' ? t(config.newKey) : editing?.name}>
        {editing !== null && (
          <Stack>
            <RecordForm key={editing === 'new' ? 'new' : `${editing.id}:${editing.version}`} config={config} record={editing === 'new' ? null : editing} customFields={customFields}
              onCancel={closeDrawer} onSaved={() => { notifySaved(); closeDrawer(); void refresh(); }} />
            {editing !== 'new' && canDelete && <Group><Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => remove(editing)}>{t('common.delete')}</Button></Group>}
          </Stack>
        )}
      </Drawer>
    </Stack>
  );
}
