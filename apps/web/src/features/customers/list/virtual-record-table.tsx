import { useEffect, useRef } from 'react';
import { Center, Checkbox, Loader, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { RecordRow } from '../record-config';
import type { ColumnDef } from './list-columns';
import { RecordCell, type CellLookups } from './record-cells';

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
  const { t } = useTranslation();
  const { rows, columns, hasNextPage, isFetchingNextPage, fetchNextPage, selected } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const width = (props.selectable ? CHECK_WIDTH : 0) + NAME_WIDTH + columns.reduce((sum, c) => sum + c.width, 0);
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id!));
  const someSelected = !allSelected && rows.some((r) => selected.has(r.id!));
  const header = (key: string, label: string, sortable: boolean, dateLike = false) => {
    const active = props.sort === key ? 'asc' : props.sort === `-${key}` ? 'desc' : null;
    if (!sortable) return <Text size="sm" fw={600} truncate>{label}</Text>;
    return (
      <UnstyledButton onClick={() => props.onSort(nextSort(props.sort, key, dateLike))} style={{ display: 'flex', alignItems: 'center', gap: 4, maxWidth: '100%' }}
        aria-label={t('customerList.sortBy', { field: label })} data-sorted={active ?? undefined}>
        <Text size="sm" fw={600} truncate>{label}</Text>
        {active === 'asc' && <IconArrowUp size={14} />}
        {active === 'desc' && <IconArrowDown size={14} />}
      </UnstyledButton>
    );
  };

  return (
    <div ref={scrollRef} data-testid="record-table" style={{ height: 'max(360px, calc(100dvh - 330px))', overflow: 'auto', border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}>
      <Table stickyHeader highlightOnHover style={{ tableLayout: 'fixed', width, minWidth: '100%' }}>
        <colgroup>
          {props.selectable && <col style={{ width: CHECK_WIDTH }} />}
          <col style={{ width: NAME_WIDTH }} />
          {columns.map((c) => <col key={c.key} style={{ width: c.width }} />)}
        </colgroup>
        <Table.Thead style={{ zIndex: 2 }}>
          <Table.Tr>
            {props.selectable && <Table.Th><Checkbox aria-label={t('customerList.selectAllLoaded')} checked={allSelected} indeterminate={someSelected} onChange={props.onToggleAll} /></Table.Th>}
            <Table.Th>{header('name', t('customers.fields.name'), true)}</Table.Th>
            {columns.map((c) => <Table.Th key={c.key}>{header(c.key, columnLabel(t, c), c.sortable, c.key.endsWith('At') || c.custom?.type === 'date' || c.custom?.type === 'datetime')}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {paddingTop > 0 && <tr aria-hidden style={{ height: paddingTop }} />}
          {items.map((item) => {
            const row = rows[item.index];
            const id = row.id!;
            return (
              <Table.Tr key={id} data-index={item.index} data-testid="record-row" data-id={id} onClick={() => props.onOpen(row)} style={{ height: ROW_HEIGHT, cursor: 'pointer' }}
                bg={selected.has(id) ? 'var(--mantine-primary-color-light)' : undefined}>
                {props.selectable && (
                  <Table.Td onClick={(e) => e.stopPropagation()}>
                    <Checkbox aria-label={t('customerList.selectRow', { name: row.name })} data-testid="row-select" checked={selected.has(id)} onChange={() => props.onToggle(id)} />
                  </Table.Td>
                )}
                <Table.Td style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {props.trash
                    ? <Text size="sm" fw={500} span>{row.name}</Text>
                    : <Text size="sm" fw={500} component={Link} to={`/${props.object}s/${id}`} onClick={(e: React.MouseEvent) => e.stopPropagation()} c="var(--mantine-primary-color-filled)">{row.name}</Text>}
                </Table.Td>
                {columns.map((c) => <Table.Td key={c.key}><RecordCell column={c} row={row} lookups={props.lookups} /></Table.Td>)}
              </Table.Tr>
            );
          })}
          {paddingBottom > 0 && <tr aria-hidden style={{ height: paddingBottom }} />}
        </Table.Tbody>
      </Table>
      {isFetchingNextPage && <Center p="sm"><Loader size="sm" /></Center>}
    </div>
  );
}
