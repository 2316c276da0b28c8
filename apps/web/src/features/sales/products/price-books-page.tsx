import { useEffect, useState } from 'react';
import { ActionIcon, Badge, Button, Card, Grid, Group, NavLink, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { canAccess, useSession } from '../../../app/session';
import { ApiError } from '../../../api/client';
import { notifyError, notifySaved } from '../../../components/api-errors';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { PriceBookFormModal } from './price-book-form-modal';
import { priceBooksApi, productsApi, toMajor, toMinor } from './products-api';

interface Row { productId: string; sku: string; name: string; unit: string; listPrice: number; maxDiscountPct: number }

/** Price books on the left; the chosen book's prices as an editable grid on the right. */
export function PriceBooksPage() {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const editable = canAccess(session, 'product', 'update');
  const books = useQuery({ queryKey: ['price-books'], queryFn: () => priceBooksApi.list() });
  const [selected, setSelected] = useState<string | null>(null);
  const [form, setForm] = useState<{ opened: boolean; editing: boolean }>({ opened: false, editing: false });
  const bookId = selected ?? books.data?.data[0]?.id ?? null;
  const detail = useQuery({ queryKey: ['price-books', bookId], queryFn: () => priceBooksApi.get(bookId!), enabled: Boolean(bookId) });
  const catalogue = useQuery({ queryKey: ['products', 'all-active'], queryFn: () => productsApi.list({ limit: 200, active: 'true' }), enabled: editable });
  const [rows, setRows] = useState<Row[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const currency = detail.data?.currency ?? 'CNY';

  useEffect(() => {
    setErrors({});
    setRows((detail.data?.entries ?? []).map((e) => ({ productId: e.productId, sku: e.sku, name: e.name, unit: e.unit, listPrice: toMajor(e.listPriceMinor, currency), maxDiscountPct: e.maxDiscountPct })));
  }, [detail.data, currency]);

  const save = useMutation({
    mutationFn: () => priceBooksApi.setEntries(bookId!, { entries: rows.map((r) => ({ productId: r.productId, listPriceMinor: toMinor(r.listPrice, currency), maxDiscountPct: r.maxDiscountPct })) }),
    onSuccess: async () => { notifySaved(t('products.priceBooks.saved')); await client.invalidateQueries({ queryKey: ['price-books'] }); },
    onError: (e) => { if (e instanceof ApiError) setErrors(e.fieldErrors); notifyError(e); },
  });
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const offered = (catalogue.data?.data ?? []).filter((p) => !rows.some((r) => r.productId === p.id)).map((p) => ({ value: p.id, label: `${p.sku} · ${p.name}` }));
  const add = (id: string | null) => {
    const p = catalogue.data?.data.find((x) => x.id === id);
    if (p) setRows([...rows, { productId: p.id, sku: p.sku, name: p.name, unit: p.unit, listPrice: 0, maxDiscountPct: 0 }]);
  };
  const book = books.data?.data.find((b) => b.id === bookId) ?? null;

  return (
    <Stack>
      <PageHeader title={t('products.priceBooks.title')} description={t('products.priceBooks.description')}
        actions={canAccess(session, 'product', 'create') ? <Button leftSection={<IconPlus size={16} />} onClick={() => setForm({ opened: true, editing: false })}>{t('products.priceBooks.new')}</Button> : undefined} />
      <QueryState query={books} />
      {books.isSuccess && books.data.data.length === 0 && <Text c="dimmed" ta="center" p="xl">{t('products.priceBooks.empty')}</Text>}
      {books.isSuccess && books.data.data.length > 0 && (
        <Grid>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Card withBorder padding="xs">
              {books.data.data.map((b) => (
                <NavLink key={b.id} active={b.id === bookId} onClick={() => setSelected(b.id)} label={b.name}
                  description={`${b.currency}${b.customerLevel ? ` · ${t('products.priceBooks.tier')} ${b.customerLevel}` : ''} · ${t('products.priceBooks.entryCount', { count: b.entryCount })}`}
                  rightSection={b.isDefault ? <Badge size="xs" variant="light">{t('products.priceBooks.default')}</Badge> : null} />
              ))}
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            {!bookId && <Text c="dimmed">{t('products.priceBooks.pick')}</Text>}
            <QueryState query={detail} />
            {detail.data && (
              <Stack>
                <Group justify="space-between">
                  <Group gap="xs"><Text fw={600}>{detail.data.name}</Text><Badge variant="outline">{detail.data.currency}</Badge></Group>
                  {editable && <ActionIcon variant="subtle" aria-label={t('products.edit')} onClick={() => setForm({ opened: true, editing: true })}><IconPencil size={16} /></ActionIcon>}
                </Group>
                {rows.length === 0 && <Text size="sm" c="dimmed">{t('products.priceBooks.noEntries')}</Text>}
                {rows.length > 0 && (
                  <Table.ScrollContainer minWidth={560}>
                    <Table>
                      <Table.Thead><Table.Tr><Table.Th>{t('products.sku')}</Table.Th><Table.Th>{t('products.name')}</Table.Th><Table.Th w={160}>{t('products.priceBooks.listPrice')}</Table.Th><Table.Th w={130}>{t('products.priceBooks.maxDiscount')}</Table.Th><Table.Th w={40} /></Table.Tr></Table.Thead>
                      <Table.Tbody>
                        {rows.map((r, i) => (
                          <Table.Tr key={r.productId}>
                            <Table.Td><Text size="sm" ff="monospace">{r.sku}</Text></Table.Td>
                            <Table.Td><Text size="sm">{r.name} <Text span c="dimmed" size="xs">/ {r.unit}</Text></Text></Table.Td>
                            <Table.Td><NumberInput aria-label={`${t('products.priceBooks.listPrice')} ${r.sku}`} min={0} decimalScale={2} thousandSeparator="," prefix={`${currency} `} disabled={!editable} value={r.listPrice} error={errors[`entries.${i}.listPriceMinor`]} onChange={(v) => set(i, { listPrice: Number(v) || 0 })} /></Table.Td>
                            <Table.Td><NumberInput aria-label={`${t('products.priceBooks.maxDiscount')} ${r.sku}`} min={0} max={100} decimalScale={2} suffix="%" disabled={!editable} value={r.maxDiscountPct} error={errors[`entries.${i}.maxDiscountPct`]} onChange={(v) => set(i, { maxDiscountPct: Number(v) || 0 })} /></Table.Td>
                            <Table.Td>{editable && <ActionIcon variant="subtle" color="red" aria-label={t('products.removeItem')} onClick={() => setRows(rows.filter((_, j) => j !== i))}><IconTrash size={16} /></ActionIcon>}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
                {editable && (
                  <Group justify="space-between">
                    <Select placeholder={t('products.priceBooks.addProduct')} aria-label={t('products.priceBooks.addProduct')} searchable data={offered} value={null} onChange={add} />
                    <Button loading={save.isPending} onClick={() => save.mutate()}>{t('products.priceBooks.saveEntries')}</Button>
                  </Group>
                )}
              </Stack>
            )}
          </Grid.Col>
        </Grid>
      )}
      {form.opened && <PriceBookFormModal opened book={form.editing ? book : null} onClose={() => setForm({ opened: false, editing: false })} onSaved={setSelected} />}
    </Stack>
  );
}
