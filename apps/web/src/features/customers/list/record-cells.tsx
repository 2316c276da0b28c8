import { useQueries, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { accountsApi } from '../../../api/customers';
import { membersApi } from '../../../api/platform';
import { formatDateTime } from '../../../i18n/format';
import { formatCustomValue } from '../custom-field-input';
import type { RecordRow } from '../record-config';
import { TagChips } from '../segments/tag-chips';
import { DATE_COLUMNS, type ColumnDef } from './list-columns';

/** Names behind the ids a row holds: owners (members) and linked accounts. */
export interface CellLookups {
  members: Map<string, string>;
  accounts: Map<string, string>;
}

const ACCOUNT_LINKS = ['accountId', 'parentAccountId'];

/**
 * Member names, and the names of accounts the loaded pages link to: one request per page of
 * rows (its account ids), so scrolling through thousands of rows never asks for them one by one.
 */
export function useCellLookups(pages: RecordRow[][], columns: ColumnDef[]): CellLookups {
  const needsMembers = columns.some((c) => c.key === 'ownerId' || c.custom?.type === 'user');
  const linkColumns = columns.filter((c) => ACCOUNT_LINKS.includes(c.key)).map((c) => c.key);
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), staleTime: 60_000, enabled: needsMembers });
  const idSets = linkColumns.length === 0 ? [] : pages.map((rows) => [...new Set(rows.flatMap((r) => linkColumns.map((k) => r[k]).filter((v): v is string => typeof v === 'string')))].sort());
  const accounts = useQueries({
    queries: idSets.filter((ids) => ids.length > 0).map((ids) => ({
      queryKey: ['account-names', ids.join(',')],
      queryFn: () => accountsApi.list({ 'filter[id][in]': ids.join(','), fields: 'id,name', limit: 200 }),
      staleTime: 60_000,
    })),
  });
  const accountNames = new Map<string, string>();
  for (const q of accounts) for (const a of q.data?.data ?? []) if (a.id && a.name) accountNames.set(a.id, a.name);
  return { members: new Map((members.data?.data ?? []).map((m) => [m.userId, m.name])), accounts: accountNames };
}

// Cells are plain elements: a screen holds a few hundred of them and they re-render while scrolling.
const clip = { display: 'block', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', fontSize: 'var(--mantine-font-size-sm)' } as const;
const link = { ...clip, color: 'var(--mantine-primary-color-filled)', textDecoration: 'none' } as const;

/** The text of a cell, formatted for its column. */
function cellText(column: ColumnDef, row: RecordRow, lookups: CellLookups, t: TFunction): string {
  if (column.custom) {
    const value = row.custom?.[column.custom.key];
    return column.custom.type === 'user' && typeof value === 'string' ? lookups.members.get(value) ?? '' : formatCustomValue(column.custom, value);
  }
  const value = row[column.key];
  if (value === null || value === undefined) return '';
  if (DATE_COLUMNS.has(column.key)) return formatDateTime(String(value));
  if (column.key === 'ownerId') return lookups.members.get(String(value)) ?? '';
  if (column.key === 'lifecycleStage') return t(`customers.lifecycle.${String(value)}`);
  return String(value);
}

/** In-app navigation for a plain link; modified clicks (new tab, new window) stay with the browser. */
export function followLink(e: React.MouseEvent<HTMLAnchorElement>, onNavigate: (path: string) => void): void {
  e.stopPropagation();
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  onNavigate(e.currentTarget.getAttribute('href')!);
}

/** One cell of the table. Account links navigate inside the app through `onNavigate`. */
export function RecordCell({ column, row, lookups, t, onNavigate }: { column: ColumnDef; row: RecordRow; lookups: CellLookups; t: TFunction; onNavigate: (path: string) => void }) {
  if (column.key === 'tags') return <div style={{ overflow: 'hidden', maxHeight: 24 }}><TagChips tags={row.tags ?? []} size="xs" max={3} /></div>;
  const value = row[column.key];
  if (ACCOUNT_LINKS.includes(column.key) && typeof value === 'string') {
    const name = lookups.accounts.get(value);
    const path = `/accounts/${value}`;
    return name
      ? <a href={path} style={link} onClick={(e) => followLink(e, onNavigate)}>{name}</a>
      : <span style={{ ...clip, color: 'var(--mantine-color-dimmed)' }}>—</span>;
  }
  return <span style={clip}>{cellText(column, row, lookups, t)}</span>;
}
