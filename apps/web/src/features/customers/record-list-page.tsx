import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Drawer, Group, ScrollArea, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { customFieldsApi } from '../../api/platform';
import { canAccess, useSession } from '../../app/session';
import { notifyError, notifySaved } from '../../components/api-errors';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { localized } from '../../i18n';
import { ListImportExport } from './imports/list-actions';
import { BulkBar } from './list/bulk-bar';
import { ColumnChooser } from './list/column-chooser';
import { FilterButton, FilterChips, FilterPanel } from './list/filter-builder';
import { listViewsApi, type TListView } from './list/list-api';
import { columnCatalogue, defaultColumns, visibleColumns } from './list/list-columns';
import { compactQuery, EMPTY_STATE, filtersFromSearch, fromViewState, listQuery, sameState, type ListState } from './list/list-state';
import { useCellLookups } from './list/record-cells';
import { ViewSwitcher } from './list/view-switcher';
import { columnLabel, VirtualRecordTable } from './list/virtual-record-table';
import { VirtualRecordCards } from './list/virtual-record-cards';
import type { ObjectConfig, RecordRow } from './record-config';
import { RecordForm } from './record-form';
import { ruleFields } from './segments/rule-fields';

const PAGE_SIZE = 100;
const SORTS = ['-updatedAt', '-createdAt', 'name', '-name'] as const;

/** What the list remembers per object between visits: the last view, and the columns of "all records". */
interface Remembered {
  viewId: string | null;
  columns: string[] | null;
}
const storageKey = (object: string) => `voyage.list.${object}`;
function readRemembered(object: string): Remembered {
  try {
    const parsed = JSON.parse(localStorage.getItem(storageKey(object)) ?? '{}') as Partial<Remembered>;
    return { viewId: typeof parsed.viewId === 'string' ? parsed.viewId : null, columns: Array.isArray(parsed.columns) ? parsed.columns.filter((c) => typeof c === 'string') : null };
  } catch {
    return { viewId: null, columns: null };
  }
}
function remember(object: string, value: Remembered): void {
  localStorage.setItem(storageKey(object), JSON.stringify(value));
}

export function RecordListPage({ config }: { config: ObjectConfig }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as Record<string, unknown> & { open?: string };
  const object = config.object;
  const urlFilters = useMemo(() => filtersFromSearch(search), [search]);
  const urlKey = JSON.stringify(urlFilters);
  const [remembered] = useState(() => readRemembered(object));
  const [viewId, setViewId] = useState<string | null>(urlFilters.length ? null : remembered.viewId);
  const [state, setState] = useState<ListState>({ ...EMPTY_STATE, filters: urlFilters, columns: remembered.columns });
  // A remembered view is applied once the views have loaded; until then the list waits, so it loads once.
  const [ready, setReady] = useState(viewId === null);
  const [trash, setTrash] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [editing, setEditing] = useState<RecordRow | 'new' | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // Field reps on phones get one card per record instead of a wide table.
  const phone = useMediaQuery('(max-width: 48em)');

  const fields = useQuery({ queryKey: ['custom-fields', object], queryFn: () => customFieldsApi.list(object) });
  const customFields = useMemo(() => fields.data?.data ?? [], [fields.data]);
  const viewsQuery = useQuery({ queryKey: ['list-views', object], queryFn: () => listViewsApi.list(object) });
  const views = viewsQuery.data?.data ?? [];
  const current = views.find((v) => v.id === viewId) ?? null;

  useEffect(() => {
    if (ready || viewsQuery.isPending) return;
    const view = viewsQuery.data?.data.find((v) => v.id === viewId);
    if (view) setState(fromViewState(view.state));
    else setViewId(null);
    setReady(true);
  }, [ready, viewsQuery.isPending, viewsQuery.data, viewId]);

  // A report linking here with filters in the address replaces whatever the list showed.
  const appliedUrl = useRef(urlKey);
  useEffect(() => {
    if (urlKey === appliedUrl.current) return;
    appliedUrl.current = urlKey;
    const filters = JSON.parse(urlKey) as ListState['filters'];
    if (filters.length === 0) return;
    setViewId(null);
    setState((s) => ({ ...EMPTY_STATE, filters, columns: viewId ? null : s.columns }));
    setReady(true);
  }, [urlKey, viewId]);

  useEffect(() => {
    if (!ready) return;
    remember(object, { viewId, columns: viewId ? readRemembered(object).columns : state.columns });
  }, [ready, object, viewId, state.columns]);

  const catalogue = useMemo(() => columnCatalogue(object, customFields), [object, customFields]);
  const shownKeys = useMemo(() => state.columns ?? defaultColumns(config, customFields), [state.columns, config, customFields]);
  // The trash also shows when each record was deleted.
  const columns = useMemo(() => visibleColumns(catalogue, trash ? [...shownKeys.filter((k) => k !== 'deletedAt'), 'deletedAt'] : shownKeys), [catalogue, shownKeys, trash]);
  const filterFields = useMemo(() => ruleFields(object, customFields, (f) => localized(f.labels, f.label)), [object, customFields]);

  const query = listQuery(state, session.user.id);
  const [queryKey] = useDebouncedValue(JSON.stringify(query), 300);
  const listKey = ['records', object];
  const pages = useInfiniteQuery({
    queryKey: [...listKey, queryKey, trash],
    queryFn: ({ pageParam, signal }) => config.api.list({ ...compactQuery(JSON.parse(queryKey) as Record<string, string | undefined>), trash: trash ? 'true' : undefined, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: ready,
  });
  const pageRows = useMemo(() => pages.data?.pages.map((p) => p.data) ?? [], [pages.data]);
  const rows = useMemo(() => pageRows.flat(), [pageRows]);
  const names = useMemo(() => new Map(rows.map((r) => [r.id!, r.name ?? ''])), [rows]);
  const lookups = useCellLookups(pageRows, columns);

  const canCreate = canAccess(session, object, 'create');
  const canUpdate = canAccess(session, object, 'update');
  const canDelete = canAccess(session, object, 'delete');
  const canSelect = trash ? canDelete : canUpdate || canDelete;

  // A new list (other filters, the trash) starts with nothing selected.
  useEffect(() => setSelected(new Set()), [queryKey, trash]);

  // A search hit links here with ?open=<id>: open that record.
  useEffect(() => {
    if (!search.open) return;
    config.api.get(search.open).then((r) => setEditing(r), notifyError);
  }, [search.open, config.api]);

  const update = (patch: Partial<ListState>) => setState((s) => ({ ...s, ...patch }));
  const pickView = (view: TListView | null) => {
    setViewId(view?.id ?? null);
    setState(view ? fromViewState(view.state) : { ...EMPTY_STATE, columns: readRemembered(object).columns });
  };
  const viewChanged = (view: TListView | null) => {
    void client.invalidateQueries({ queryKey: ['list-views', object] });
    if (view) {
      setViewId(view.id);
      setState(fromViewState(view.state));
    } else pickView(null);
  };
  const toggle = useCallback((id: string) => setSelected((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  }), []);
  const open = useCallback((row: RecordRow) => { if (!trash) setEditing(row); }, [trash]);
  const toggleAll = () => setSelected((s) => (rows.length > 0 && rows.every((r) => s.has(r.id!)) ? new Set() : new Set(rows.map((r) => r.id!))));

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

  const sortLabel = (sort: string) => {
    if ((SORTS as readonly string[]).includes(sort)) return t(`customers.sorts.${sort}`);
    const key = sort.replace(/^-/, '');
    const column = catalogue.find((c) => c.key === key);
    return `${column ? columnLabel(t, column) : key} ${sort.startsWith('-') ? '↓' : '↑'}`;
  };
  const sortOptions = [...new Set([...SORTS, state.sort])].map((s) => ({ value: s, label: sortLabel(s) }));
  const filtered = state.q.trim() !== '' || state.filters.length > 0;
  const dirty = current !== null && !sameState(state, fromViewState(current.state));
  const exportFields = ['name', ...columns.filter((c) => c.key !== 'deletedAt').map((c) => c.key)];

  return (
    <Stack>
      <PageHeader title={trash ? t('customerList.trashTitle', { title: t(config.titleKey) }) : t(config.titleKey)}
        actions={<Group gap="xs"><ListImportExport object={object} query={query} fields={exportFields} />{canCreate && <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>{t(config.newKey)}</Button>}</Group>} />
      <Group gap="sm" justify="space-between" wrap="wrap">
        <ViewSwitcher object={object} views={views} current={current} state={state} dirty={dirty} mayShare={canUpdate} onPick={pickView} onChanged={viewChanged} />
        <Button variant={trash ? 'filled' : 'subtle'} color={trash ? 'red' : 'gray'} leftSection={<IconTrash size={16} />} onClick={() => setTrash((v) => !v)} aria-pressed={trash} data-testid="list-trash">
          {trash ? t('customerList.leaveTrash') : t('customerList.trash')}
        </Button>
      </Group>
      <Group gap="sm" wrap="wrap">
        <TextInput leftSection={<IconSearch size={16} />} placeholder={t('customers.searchName')} aria-label={t('customers.searchName')} value={state.q} onChange={(e) => update({ q: e.currentTarget.value })} style={{ flex: 2, minWidth: 200 }} />
        <FilterButton filters={state.filters} opened={filtersOpen} onToggle={() => setFiltersOpen((v) => !v)} />
        <Select aria-label={t('customers.sort')} value={state.sort} onChange={(v) => v && update({ sort: v })} allowDeselect={false} w={190} data={sortOptions} comboboxProps={{ withinPortal: true }} />
        {!phone && <ColumnChooser catalogue={catalogue.filter((c) => c.key !== 'deletedAt')} value={shownKeys} onChange={(cols) => update({ columns: cols })} onReset={() => update({ columns: null })} />}
      </Group>
      {filtersOpen && <FilterPanel object={object} fields={filterFields} filters={state.filters} onChange={(filters) => update({ filters })} onClose={() => setFiltersOpen(false)} />}
      <FilterChips fields={filterFields} filters={state.filters} onChange={(filters) => update({ filters })} />
      <BulkBar object={object} ids={[...selected]} names={names} trash={trash} canUpdate={canUpdate} canDelete={canDelete} onClear={() => setSelected(new Set())}
        onChanged={() => { setSelected(new Set()); void refresh(); }} />
      <QueryState query={pages} />
      {pages.isSuccess && rows.length === 0 && <Text c="dimmed" ta="center" p="xl">{trash ? t('customerList.trashEmpty') : filtered ? t('common.noResults') : t('customers.empty')}</Text>}
      {rows.length > 0 && phone && (
        <VirtualRecordCards object={object} rows={rows} summary={config.columns.filter((c) => c !== 'tags' && c !== 'updatedAt')} selectable={canSelect} selected={selected} onToggle={toggle} trash={trash}
          hasNextPage={pages.hasNextPage} isFetchingNextPage={pages.isFetchingNextPage} fetchNextPage={() => void pages.fetchNextPage()} />
      )}
      {rows.length > 0 && !phone && (
        <VirtualRecordTable object={object} rows={rows} columns={columns} lookups={lookups} sort={state.sort} onSort={(sort) => update({ sort })}
          selectable={canSelect} selected={selected} onToggle={toggle} onToggleAll={toggleAll} onOpen={open} trash={trash}
          hasNextPage={pages.hasNextPage} isFetchingNextPage={pages.isFetchingNextPage} fetchNextPage={() => void pages.fetchNextPage()} />
      )}
      {rows.length > 0 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="list-loaded">{t(pages.hasNextPage ? 'customerList.loadedMore' : 'customerList.loadedAll', { count: rows.length })}</Text>
          {pages.hasNextPage && <Button variant="default" size="xs" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>{t('common.loadMore')}</Button>}
        </Group>
      )}
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
