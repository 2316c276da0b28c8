import { useState } from 'react';
import { Badge, Button, Code, Drawer, Group, ScrollArea, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { auditApi, membersApi } from '../../api/platform';
import type { TAuditEntry } from '@voyage/contracts';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { RequireCapability } from '../../components/require-capability';
import { formatDateTime } from '../../i18n/format';

const COMMON_ACTIONS = ['create', 'update', 'delete', 'restore', 'login', 'login_failed', 'logout', 'export', 'permission_change', 'setting_change'];
const PAGE_SIZE = 50;

function show(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Old and new values side by side, one line per changed key. */
export function AuditDiff({ entry }: { entry: TAuditEntry }) {
  const { t } = useTranslation();
  const oldValues = (entry.oldValues && typeof entry.oldValues === 'object' ? entry.oldValues : {}) as Record<string, unknown>;
  const newValues = (entry.newValues && typeof entry.newValues === 'object' ? entry.newValues : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(oldValues), ...Object.keys(newValues)])];
  if (keys.length === 0) return <Text c="dimmed" size="sm">{t('audit.noValues')}</Text>;
  return (
    <Table withTableBorder withColumnBorders fz="sm" data-testid="audit-diff">
      <Table.Thead>
        <Table.Tr><Table.Th>{t('audit.field')}</Table.Th><Table.Th>{t('audit.oldValue')}</Table.Th><Table.Th>{t('audit.newValue')}</Table.Th></Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {keys.map((key) => {
          const before = show(oldValues[key]);
          const after = show(newValues[key]);
          const changed = before !== after;
          return (
            <Table.Tr key={key}>
              <Table.Td><Code>{key}</Code></Table.Td>
              <Table.Td style={{ wordBreak: 'break-word' }} bg={changed && before ? 'var(--mantine-color-red-light)' : undefined}>{before}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-word' }} bg={changed && after ? 'var(--mantine-color-green-light)' : undefined}>{after}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function EntryDrawer({ entry, onClose }: { entry: TAuditEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer opened={entry !== null} onClose={onClose} position="right" size="lg" title={t('audit.entry')} scrollAreaComponent={ScrollArea.Autosize}>
      {entry && (
        <Stack gap="md">
          <SimpleGrid cols={2} spacing="xs">
            <Text size="sm" c="dimmed">{t('audit.at')}</Text><Text size="sm">{formatDateTime(entry.at)}</Text>
            <Text size="sm" c="dimmed">{t('audit.actor')}</Text><Text size="sm">{entry.actorName ?? (entry.actorApiKeyId ? t('audit.apiKey') : t('audit.system'))}</Text>
            <Text size="sm" c="dimmed">{t('audit.action')}</Text><Text size="sm">{entry.action}</Text>
            <Text size="sm" c="dimmed">{t('audit.object')}</Text><Text size="sm">{entry.object}{entry.recordId ? ` · ${entry.recordId}` : ''}</Text>
            {entry.summary && <><Text size="sm" c="dimmed">{t('audit.summary')}</Text><Text size="sm">{entry.summary}</Text></>}
            {entry.ip && <><Text size="sm" c="dimmed">{t('audit.ip')}</Text><Text size="sm">{entry.ip}</Text></>}
            {entry.requestId && <><Text size="sm" c="dimmed">{t('audit.requestId')}</Text><Code>{entry.requestId}</Code></>}
          </SimpleGrid>
          <AuditDiff entry={entry} />
        </Stack>
      )}
    </Drawer>
  );
}

const actionColor = (action: string) => (action.includes('delete') || action.includes('failed') ? 'red' : action.includes('create') ? 'green' : action.includes('update') || action.includes('change') ? 'blue' : 'gray');

export function AuditPage() {
  const { t } = useTranslation();
  const [actor, setActor] = useState<string | null>(null);
  const [object, setObject] = useState('');
  const [action, setAction] = useState<string | null>(null);
  const [range, setRange] = useState<[string | null, string | null]>([null, null]);
  const [selected, setSelected] = useState<TAuditEntry | null>(null);
  const [objectTerm] = useDebouncedValue(object.trim(), 300);
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), retry: false });
  const from = range[0] ? new Date(`${range[0]}T00:00:00`).toISOString() : undefined;
  // The upper bound is exclusive, so the end day is included by moving to the next midnight.
  const to = range[1] ? new Date(new Date(`${range[1]}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined;
  const filters = { actorUserId: actor ?? undefined, object: objectTerm || undefined, action: action ?? undefined, from, to };
  const pages = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => auditApi.list({ ...filters, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = pages.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <RequireCapability capability="audit.read">
      <Stack>
        <PageHeader title={t('settings.audit')} description={t('audit.description')} />
        <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="sm">
          <Select label={t('audit.actor')} placeholder={t('common.any')} clearable searchable value={actor} onChange={setActor}
            data={(members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name }))} comboboxProps={{ withinPortal: true }} />
          <TextInput label={t('audit.object')} placeholder="custom_field, contact…" value={object} onChange={(e) => setObject(e.currentTarget.value)} data-testid="audit-object-filter" />
          <Select label={t('audit.action')} placeholder={t('common.any')} clearable searchable value={action} onChange={setAction} data={COMMON_ACTIONS} comboboxProps={{ withinPortal: true }} />
          <DatePickerInput type="range" label={t('audit.dateRange')} placeholder={t('common.any')} clearable value={range} onChange={(v) => setRange(v as [string | null, string | null])} valueFormat="YYYY-MM-DD" />
        </SimpleGrid>
        <QueryState query={pages} />
        {pages.isSuccess && rows.length === 0 && <Text c="dimmed" ta="center" p="xl">{t('audit.empty')}</Text>}
        {rows.length > 0 && (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" highlightOnHover striped data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.at')}</Table.Th>
                  <Table.Th>{t('audit.actor')}</Table.Th>
                  <Table.Th>{t('audit.action')}</Table.Th>
                  <Table.Th>{t('audit.object')}</Table.Th>
                  <Table.Th>{t('audit.summary')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((e) => (
                  <Table.Tr key={e.id} onClick={() => setSelected(e)} style={{ cursor: 'pointer' }} data-object={e.object} data-action={e.action}>
                    <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Text></Table.Td>
                    <Table.Td><Text size="sm">{e.actorName ?? (e.actorApiKeyId ? t('audit.apiKey') : t('audit.system'))}</Text></Table.Td>
                    <Table.Td><Badge variant="light" color={actionColor(e.action)} tt="none">{e.action}</Badge></Table.Td>
                    <Table.Td><Code>{e.object}</Code></Table.Td>
                    <Table.Td><Text size="sm" lineClamp={1}>{e.summary ?? ''}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {pages.hasNextPage && <Group justify="center"><Button variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>{t('common.loadMore')}</Button></Group>}
        <EntryDrawer entry={selected} onClose={() => setSelected(null)} />
      </Stack>
    </RequireCapability>
  );
}
