import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import { Center, Checkbox, Loader, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { RecordRow } from '../record-config';
import type { ColumnDef } from './list-columns';
import { followLink, RecordCell, type CellLookups } from './record-cells';

const ROW_HEIGHT = 44;
const NAME_WIDTH = 220;
const CHECK_WIDTH = 40;
/** Ask for the next page while this many rows are still below the viewport. */
const PREFETCH_ROWS = 20;

export interface PagedRows {
  rows: RecordRow[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
}

interface Props extends PagedRows {
  object: 'contact' | 'account';
  columns: ColumnDef[];
  lookups: CellLookups;
  sort: string;
  onSort: (sort: string) => void;
  selectable: boolean;
  selected: Set<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  onOpen: (row: RecordRow) => void;
  /** Rows in the trash have no 360° page to link to. */
  trash: boolean;
}

export const columnLabel = (t: (key: string) => string, column: ColumnDef) => (column.labelKey ? t(column.labelKey) : column.label ?? column.key);

/** Next sort when a header is clicked: ascending first (newest first for dates), then the other way. */
function nextSort(current: string, key: string, dateLike: boolean): string {
  if (current === key) return `-${key}`;
  if (current === `-${key}`) return key;
  return dateLike ? `-${key}` : key;
}

/**
 * The records table. Only the rows in view are in the DOM (fixed row height, spacer rows above
 * and below), so thousands of loaded rows scroll smoothly; the next page loads as the end nears.
 */
export function VirtualRecordTable(props: Props) {
  const { rows, columns, hasNextPage, isFetchingNextPage, fetchNextPage, selected } = props;
  const routerNavigate = useNavigate();
  const navigate = useCallback((path: string) => void routerNavigate({ to: path }), [routerNavigate]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Rendering outside the scroll event (no flushSync) keeps scrolling fluid; the overscan hides the lag.
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12, useFlushSync: false });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const width = (props.selectable ? CHECK_WIDTH : 0) + NAME_WIDTH + columns.reduce((sum, c) => sum + c.width, 0);
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const selection = useMemo(() => {
    const count = rows.reduce((n, r) => n + (selected.has(r.id!) ? 1 : 0), 0);
    return count === 0 ? 'none' : count === rows.length ? 'all' : 'some';
  }, [rows, selected]);

  return (
    <div ref={scrollRef} data-testid="record-table" style={{ maxHeight: 'max(360px, calc(100dvh - 330px))', overflow: 'auto', border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}>
      <Table stickyHeader highlightOnHover style={{ tableLayout: 'fixed', width, minWidth: '100%' }}>
        <colgroup>
          {props.selectable && <col style={{ width: CHECK_WIDTH }} />}
          <col style={{ width: NAME_WIDTH }} />
          {columns.map((c) => <col key={c.key} style={{ width: c.width }} />)}
        </colgroup>
        <RecordTableHeader columns={columns} sort={props.sort} onSort={props.onSort} selectable={props.selectable} selection={selection} onToggleAll={props.onToggleAll} />
        <Table.Tbody>
          {paddingTop > 0 && <tr aria-hidden style={{ height: paddingTop }} />}
          {items.map((item) => (
            <RecordTableRow key={rows[item.index].id} index={item.index} row={rows[item.index]} columns={columns} lookups={props.lookups} object={props.object} trash={props.trash}
              selectable={props.selectable} isSelected={selected.has(rows[item.index].id!)} onOpen={props.onOpen} onToggle={props.onToggle} onNavigate={navigate} />
          ))}
          {paddingBottom > 0 && <tr aria-hidden style={{ height: paddingBottom }} />}
        </Table.Tbody>
      </Table>
      {isFetchingNextPage && <Center p="sm"><Loader size="sm" /></Center>}
    </div>
  );
}

interface RowProps {
  index: number;
  row: RecordRow;
  columns: ColumnDef[];
  lookups: CellLookups;
  object: 'contact' | 'account';
  trash: boolean;
  selectable: boolean;
  isSelected: boolean;
  onOpen: (row: RecordRow) => void;
  onToggle: (id: string) => void;
  onNavigate: (path: string) => void;
}

const nameStyle = { fontSize: 'var(--mantine-font-size-sm)', fontWeight: 500, color: 'var(--mantine-primary-color-filled)', textDecoration: 'none' } as const;

/** One row; memoised, so scrolling renders only the rows that come into view. */
const RecordTableRow = memo(function RecordTableRow({ index, row, columns, lookups, object, trash, selectable, isSelected, onOpen, onToggle, onNavigate }: RowProps) {
  const { t } = useTranslation();
  const id = row.id!;
  return (
    <Table.Tr data-index={index} data-testid="record-row" data-id={id} onClick={() => onOpen(row)} style={{ height: ROW_HEIGHT, cursor: 'pointer' }}
      bg={isSelected ? 'var(--mantine-primary-color-light)' : undefined}>
      {selectable && (
        <Table.Td onClick={(e) => e.stopPropagation()}>
          <Checkbox aria-label={t('customerList.selectRow', { name: row.name })} data-testid="row-select" checked={isSelected} onChange={() => onToggle(id)} />
        </Table.Td>
      )}
      <Table.Td style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {trash
          ? <span style={{ ...nameStyle, color: undefined }}>{row.name}</span>
          : <a href={`/${object}s/${id}`} style={nameStyle} onClick={(e) => followLink(e, onNavigate)}>{row.name}</a>}
      </Table.Td>
      {columns.map((c) => <Table.Td key={c.key}><RecordCell column={c} row={row} lookups={lookups} t={t} onNavigate={onNavigate} /></Table.Td>)}
    </Table.Tr>
  );
});

interface HeaderProps {
  columns: ColumnDef[];
  sort: string;
  onSort: (sort: string) => void;
  selectable: boolean;
  selection: 'none' | 'some' | 'all';
  onToggleAll: () => void;
}

/** Column headers: click to sort. Memoised, so scrolling does not re-render them. */
const RecordTableHeader = memo(function RecordTableHeader({ columns, sort, onSort, selectable, selection, onToggleAll }: HeaderProps) {
  const { t } = useTranslation();
  const header = (key: string, label: string, sortable: boolean, dateLike = false) => {
    const active = sort === key ? 'asc' : sort === `-${key}` ? 'desc' : null;
    if (!sortable) return <Text size="sm" fw={600} truncate>{label}</Text>;
    return (
      <UnstyledButton onClick={() => onSort(nextSort(sort, key, dateLike))} style={{ display: 'flex', alignItems: 'center', gap: 4, maxWidth: '100%' }}
        aria-label={t('customerList.sortBy', { field: label })} data-sorted={active ?? undefined}>
        <Text size="sm" fw={600} truncate>{label}</Text>
        {active === 'asc' && <IconArrowUp size={14} />}
        {active === 'desc' && <IconArrowDown size={14} />}
      </UnstyledButton>
    );
  };
  return (
    <Table.Thead style={{ zIndex: 2 }}>
      <Table.Tr>
        {selectable && <Table.Th><Checkbox aria-label={t('customerList.selectAllLoaded')} checked={selection === 'all'} indeterminate={selection === 'some'} onChange={onToggleAll} /></Table.Th>}
        <Table.Th>{header('name', t('customers.fields.name'), true)}</Table.Th>
        {columns.map((c) => <Table.Th key={c.key}>{header(c.key, columnLabel(t, c), c.sortable, c.key.endsWith('At') || c.custom?.type === 'date' || c.custom?.type === 'datetime')}</Table.Th>)}
      </Table.Tr>
    </Table.Thead>
  );
});
