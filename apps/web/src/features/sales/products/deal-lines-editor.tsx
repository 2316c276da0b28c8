import { useEffect, useMemo, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Card, Group, NumberInput, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { computeLineTotals, type TDealLinesResponse } from '@voyage/contracts';
import { canAccess, useSession } from '../../../app/session';
import { ApiError } from '../../../api/client';
import { notifyError, notifySaved } from '../../../components/api-errors';
import { QueryState } from '../../../components/query-state';
import { formatMoney } from '../../../i18n/format';
import { dealLinesApi, priceBooksApi, productsApi, toMajor, toMinor } from './products-api';

interface EditLine { productId: string | null; priceBookId: string | null; description: string; quantity: number; unitPrice: number | null; discountPct: number; taxPct: number }

const fromServer = (data: TDealLinesResponse): EditLine[] => data.lines.map((l) => ({
  productId: l.productId, priceBookId: l.priceBookId, description: l.description ?? '', quantity: l.quantity,
  unitPrice: toMajor(l.unitPriceMinor, data.currency), discountPct: l.discountPct, taxPct: l.taxPct,
}));

/**
 * Edits a deal's product lines with totals computed as the user types (the same integer
 * rule as the server), flags discounts above the price book's maximum, and saves them all
 * at once under the deal's version. `onSaved` lets the deal page refresh its amount.
 */
export function DealLinesEditor({ dealId, onSaved }: { dealId: string; onSaved?: (data: TDealLinesResponse) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const editable = canAccess(session, 'deal', 'update');
  const lines = useQuery({ queryKey: ['deal-lines', dealId], queryFn: () => dealLinesApi.get(dealId) });
  const currency = lines.data?.currency ?? 'CNY';
  const catalogue = useQuery({ queryKey: ['products', 'all-active'], queryFn: () => productsApi.list({ limit: 200, active: 'true' }) });
  const books = useQuery({ queryKey: ['price-books', 'currency', currency], queryFn: () => priceBooksApi.list(currency), enabled: Boolean(lines.data) });
  const defaultBookId = books.data?.data.find((b) => b.isDefault)?.id ?? null;
  const bookDetail = useQuery({ queryKey: ['price-books', defaultBookId], queryFn: () => priceBooksApi.get(defaultBookId!), enabled: Boolean(defaultBookId) });
  const [rows, setRows] = useState<EditLine[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => { if (lines.data) { setRows(fromServer(lines.data)); setErrors({}); } }, [lines.data]);

  const entries = useMemo(() => new Map((bookDetail.data?.entries ?? []).map((e) => [e.productId, e])), [bookDetail.data]);
  const serverLimits = useMemo(() => new Map((lines.data?.lines ?? []).map((l) => [`${l.priceBookId}:${l.productId}`, l.maxDiscountPct])), [lines.data]);
  const priced = rows.map((r) => {
    const entry = r.productId && (!r.priceBookId || r.priceBookId === defaultBookId) ? entries.get(r.productId) : undefined;
    const unitPriceMinor = r.unitPrice !== null ? toMinor(r.unitPrice, currency) : entry?.listPriceMinor ?? 0;
    const max = entry?.maxDiscountPct ?? serverLimits.get(`${r.priceBookId}:${r.productId}`) ?? null;
    return { ...computeLineTotals({ quantity: r.quantity || 0, unitPriceMinor, discountPct: r.discountPct, taxPct: r.taxPct }), entry, max, needsApproval: max !== null && r.discountPct > max };
  });
  const totals = priced.reduce((s, p) => ({ net: s.net + p.netMinor, tax: s.tax + p.taxMinor, total: s.total + p.totalMinor }), { net: 0, tax: 0, total: 0 });

  const save = useMutation({
    mutationFn: () => dealLinesApi.set(dealId, {
      version: lines.data!.version,
      lines: rows.map((r) => ({ productId: r.productId, priceBookId: r.priceBookId, description: r.description.trim() || null, quantity: r.quantity, unitPriceMinor: r.unitPrice === null ? undefined : toMinor(r.unitPrice, currency), discountPct: r.discountPct, taxPct: r.taxPct })),
    }),
    onSuccess: (data) => { client.setQueryData(['deal-lines', dealId], data); notifySaved(t('products.lines.saved')); onSaved?.(data); },
    onError: (e) => { if (e instanceof ApiError) setErrors(e.fieldErrors); notifyError(e); },
  });
  const set = (i: number, patch: Partial<EditLine>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const pickProduct = (i: number, id: string | null) => {
    const entry = id ? entries.get(id) : undefined;
    set(i, { productId: id, priceBookId: null, unitPrice: entry ? toMajor(entry.listPriceMinor, currency) : null });
  };
  const options = (catalogue.data?.data ?? []).map((p) => ({ value: p.id, label: `${p.sku} · ${p.name}` }));
  const money = (minor: number) => formatMoney(minor, currency);
  const dirty = lines.data ? JSON.stringify(rows) !== JSON.stringify(fromServer(lines.data)) : false;

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{t('products.lines.title')}</Text>
          {lines.data?.hasLines && <Badge variant="light">{t('products.lines.amountFollows')}</Badge>}
        </Group>
        <QueryState query={lines} />
        {lines.data && rows.length === 0 && <Text size="sm" c="dimmed">{t('products.lines.empty')}</Text>}
        {rows.length > 0 && (
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('products.lines.product')}</Table.Th><Table.Th w={90}>{t('products.lines.quantity')}</Table.Th><Table.Th w={140}>{t('products.lines.unitPrice')}</Table.Th>
                  <Table.Th w={100}>{t('products.lines.discount')}</Table.Th><Table.Th w={90}>{t('products.lines.tax')}</Table.Th><Table.Th ta="right" w={140}>{t('products.lines.total')}</Table.Th><Table.Th w={40} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r, i) => {
                  const p = priced[i];
                  return (
                    <Table.Tr key={i} data-testid="deal-line">
                      <Table.Td>
                        <Stack gap={2}>
                          <Select aria-label={t('products.lines.product')} searchable clearable data={options} value={r.productId} disabled={!editable} error={errors[`lines.${i}.productId`]} onChange={(v) => pickProduct(i, v)} />
                          {!r.productId && <TextInput aria-label={t('products.lines.description')} placeholder={t('products.lines.description')} size="xs" value={r.description} disabled={!editable} onChange={(e) => set(i, { description: e.currentTarget.value })} />}
                          {p.entry && <Text size="xs" c="dimmed">{t('products.lines.listPrice', { price: money(p.entry.listPriceMinor) })}</Text>}
                        </Stack>
                      </Table.Td>
                      <Table.Td><NumberInput aria-label={t('products.lines.quantity')} min={0.0001} decimalScale={4} value={r.quantity} disabled={!editable} error={errors[`lines.${i}.quantity`]} onChange={(v) => set(i, { quantity: Number(v) || 0 })} /></Table.Td>
                      <Table.Td><NumberInput aria-label={t('products.lines.unitPrice')} min={0} decimalScale={2} thousandSeparator="," value={r.unitPrice ?? ''} disabled={!editable} error={errors[`lines.${i}.unitPriceMinor`]} onChange={(v) => set(i, { unitPrice: v === '' ? null : Number(v) })} /></Table.Td>
                      <Table.Td>
                        <NumberInput aria-label={t('products.lines.discount')} min={0} max={100} decimalScale={2} value={r.discountPct} disabled={!editable} error={errors[`lines.${i}.discountPct`]} onChange={(v) => set(i, { discountPct: Number(v) || 0 })}
                          rightSection={p.needsApproval ? <Tooltip label={t('products.lines.approvalHint', { max: p.max })}><IconAlertTriangle size={16} color="var(--mantine-color-orange-6)" /></Tooltip> : null} />
                      </Table.Td>
                      <Table.Td><NumberInput aria-label={t('products.lines.tax')} min={0} max={100} decimalScale={2} value={r.taxPct} disabled={!editable} error={errors[`lines.${i}.taxPct`]} onChange={(v) => set(i, { taxPct: Number(v) || 0 })} /></Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" fw={500}>{money(p.totalMinor)}</Text>
                        {p.needsApproval && <Badge size="xs" color="orange" variant="light">{t('products.lines.needsApproval')}</Badge>}
                      </Table.Td>
                      <Table.Td>{editable && <ActionIcon variant="subtle" color="red" aria-label={t('products.lines.remove')} onClick={() => setRows(rows.filter((_, j) => j !== i))}><IconTrash size={16} /></ActionIcon>}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {priced.some((p) => p.needsApproval) && <Alert color="orange" icon={<IconAlertTriangle size={16} />}>{t('products.lines.needsApproval')}: {priced.filter((p) => p.needsApproval).length}</Alert>}
        {rows.length > 0 && (
          <Group justify="flex-end" gap="lg" data-testid="deal-lines-totals">
            <Text size="sm">{t('products.lines.net')} {money(totals.net)}</Text>
            <Text size="sm">{t('products.lines.taxTotal')} {money(totals.tax)}</Text>
            <Text fw={700}>{t('products.lines.grandTotal')} {money(totals.total)}</Text>
          </Group>
        )}
        {editable && lines.data && (
          <Group justify="space-between">
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setRows([...rows, { productId: null, priceBookId: null, description: '', quantity: 1, unitPrice: null, discountPct: 0, taxPct: 0 }])}>{t('products.lines.addLine')}</Button>
            <Group>
              {dirty && <Button size="xs" variant="default" onClick={() => setRows(fromServer(lines.data!))}>{t('products.lines.reset')}</Button>}
              <Button size="xs" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>{t('products.lines.save')}</Button>
            </Group>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
