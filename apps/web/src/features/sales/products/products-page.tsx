import { useState } from 'react';
import { Badge, Button, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { canAccess, useSession } from '../../../app/session';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { formatDateTime } from '../../../i18n/format';
import { ProductFormModal } from './product-form-modal';
import { productsApi } from './products-api';

/** The product catalogue: search, filter by line and status, open a product to edit it. */
export function ProductsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [q, setQ] = useState('');
  const [line, setLine] = useState('');
  const [status, setStatus] = useState<'all' | 'true' | 'false'>('all');
  const [search] = useDebouncedValue(q, 250);
  const [lineFilter] = useDebouncedValue(line, 250);
  const [open, setOpen] = useState<string | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['products', search, lineFilter, status],
    queryFn: ({ pageParam }) => productsApi.list({ q: search, productLine: lineFilter, active: status === 'all' ? undefined : status, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Stack>
      <PageHeader title={t('products.title')} description={t('products.description')}
        actions={canAccess(session, 'product', 'create') ? <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen('new')}>{t('products.new')}</Button> : undefined} />
      <Group>
        <TextInput aria-label={t('products.search')} placeholder={t('products.search')} leftSection={<IconSearch size={16} />} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <TextInput aria-label={t('products.productLineFilter')} placeholder={t('products.productLineFilter')} value={line} onChange={(e) => setLine(e.currentTarget.value)} />
        <SegmentedControl value={status} onChange={(v) => setStatus(v as typeof status)} aria-label={t('products.status')}
          data={[{ value: 'all', label: t('products.statusAll') }, { value: 'true', label: t('products.statusActive') }, { value: 'false', label: t('products.statusInactive') }]} />
      </Group>
      <QueryState query={list} />
      {list.isSuccess && rows.length === 0 && <Text c="dimmed" ta="center" p="xl">{t('products.empty')}</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('products.sku')}</Table.Th><Table.Th>{t('products.name')}</Table.Th><Table.Th>{t('products.unit')}</Table.Th>
                <Table.Th>{t('products.productLine')}</Table.Th><Table.Th>{t('products.status')}</Table.Th><Table.Th>{t('customers.fields.updatedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((p) => (
                <Table.Tr key={p.id} onClick={() => setOpen(p.id)} style={{ cursor: 'pointer' }}>
                  <Table.Td><Text size="sm" ff="monospace">{p.sku}</Text></Table.Td>
                  <Table.Td><Group gap="xs"><Text size="sm" fw={500}>{p.name}</Text>{p.isBundle && <Badge size="sm" variant="light" color="grape">{t('products.bundle')}</Badge>}</Group></Table.Td>
                  <Table.Td><Text size="sm">{p.unit}</Text></Table.Td>
                  <Table.Td><Text size="sm">{p.productLine ?? ''}</Text></Table.Td>
                  <Table.Td><Badge size="sm" variant="light" color={p.active ? 'green' : 'gray'}>{p.active ? t('products.statusActive') : t('products.statusInactive')}</Badge></Table.Td>
                  <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(p.updatedAt)}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && <Group justify="center"><Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('products.loadMore')}</Button></Group>}
      <ProductFormModal productId={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
