import { Text } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
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

const clip = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

/** One cell of the table, formatted for its column. */
export function RecordCell({ column, row, lookups }: { column: ColumnDef; row: RecordRow; lookups: CellLookups }) {
  const { t } = useTranslation();
  if (column.custom) {
    const value = row.custom?.[column.custom.key];
    const text = column.custom.type === 'user' && typeof value === 'string' ? lookups.members.get(value) ?? '' : formatCustomValue(column.custom, value);
    return <Text size="sm" style={clip}>{text}</Text>;
  }
  const value = row[column.key];
  if (column.key === 'tags') return <div style={{ overflow: 'hidden', maxHeight: 24 }}><TagChips tags={row.tags ?? []} size="xs" max={3} /></div>;
  if (DATE_COLUMNS.has(column.key)) return <Text size="sm" style={clip}>{typeof value === 'string' ? formatDateTime(value) : ''}</Text>;
  if (column.key === 'ownerId') return <Text size="sm" style={clip}>{typeof value === 'string' ? lookups.members.get(value) ?? '' : ''}</Text>;
  if (column.key === 'lifecycleStage') return <Text size="sm" style={clip}>{typeof value === 'string' ? t(`customers.lifecycle.${value}`) : ''}</Text>;
  if (ACCOUNT_LINKS.includes(column.key) && typeof value === 'string') {
    const name = lookups.accounts.get(value);
    return name
      ? <Text size="sm" style={clip} component={Link} to={`/accounts/${value}`} onClick={(e: React.MouseEvent) => e.stopPropagation()} c="var(--mantine-primary-color-filled)">{name}</Text>
      : <Text size="sm" c="dimmed" style={clip}>—</Text>;
  }
  return <Text size="sm" style={clip}>{value === null || value === undefined ? '' : String(value)}</Text>;
}
