import { ActionIcon, Button, Checkbox, Group, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TBundleItem } from '@voyage/contracts';
import { productsApi } from './products-api';

interface Props {
  bundleId?: string;
  items: TBundleItem[];
  onChange(items: TBundleItem[]): void;
  /** Field errors of the form, keyed `items.<n>.<field>`. */
  errors: Record<string, string | undefined>;
  readOnly?: boolean;
}

/** Rows of product × quantity × optional; bundles and the bundle itself are not offered. */
export function BundleItemsEditor({ bundleId, items, onChange, errors, readOnly }: Props) {
  const { t } = useTranslation();
  const catalogue = useQuery({ queryKey: ['products', 'plain'], queryFn: () => productsApi.list({ limit: 200, active: 'true' }) });
  const options = (catalogue.data?.data ?? []).filter((p) => !p.isBundle && p.id !== bundleId).map((p) => ({ value: p.id, label: `${p.sku} · ${p.name}` }));
  const set = (i: number, patch: Partial<TBundleItem>) => onChange(items.map((item, j) => (j === i ? { ...item, ...patch } : item)));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>{t('products.items')}</Text>
      {items.length === 0 && <Text size="sm" c="dimmed">{t('products.noItems')}</Text>}
      {items.length > 0 && (
        <Table>
          <Table.Thead><Table.Tr><Table.Th>{t('products.itemProduct')}</Table.Th><Table.Th w={110}>{t('products.itemQuantity')}</Table.Th><Table.Th w={80}>{t('products.itemOptional')}</Table.Th><Table.Th w={40} /></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((item, i) => (
              <Table.Tr key={i}>
                <Table.Td><Select aria-label={t('products.itemProduct')} searchable data={options} value={item.productId || null} disabled={readOnly} error={errors[`items.${i}.productId`]} onChange={(v) => set(i, { productId: v ?? '' })} /></Table.Td>
                <Table.Td><NumberInput aria-label={t('products.itemQuantity')} min={0.0001} decimalScale={4} value={item.quantity} disabled={readOnly} error={errors[`items.${i}.quantity`]} onChange={(v) => set(i, { quantity: Number(v) || 0 })} /></Table.Td>
                <Table.Td><Checkbox aria-label={t('products.itemOptional')} checked={item.optional} disabled={readOnly} onChange={(e) => set(i, { optional: e.currentTarget.checked })} /></Table.Td>
                <Table.Td>{!readOnly && <ActionIcon variant="subtle" color="red" aria-label={t('products.removeItem')} onClick={() => onChange(items.filter((_, j) => j !== i))}><IconTrash size={16} /></ActionIcon>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!readOnly && <Group><Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => onChange([...items, { productId: '', quantity: 1, optional: false }])}>{t('products.addItem')}</Button></Group>}
    </Stack>
  );
}
