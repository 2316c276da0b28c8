import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_TIERS } from '@voyage/contracts';
import { applyApiError, notifySaved } from '../../../components/api-errors';
import { priceBooksApi, type TPriceBook } from './products-api';

const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'TWD', 'JPY', 'GBP', 'SGD'];

/** Create a price book, or rename one, change its tier or make it the default. */
export function PriceBookFormModal({ book, opened, onClose, onSaved }: { book: TPriceBook | null; opened: boolean; onClose(): void; onSaved(id: string): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ initialValues: { name: book?.name ?? '', currency: book?.currency ?? 'CNY', customerLevel: book?.customerLevel ?? '', isDefault: book?.isDefault ?? false } });
  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const body = { name: v.name.trim(), currency: v.currency, customerLevel: (v.customerLevel || null) as TPriceBook['customerLevel'], isDefault: v.isDefault };
      return book ? priceBooksApi.update(book.id, { ...body, version: book.version }) : priceBooksApi.create(body);
    },
    onSuccess: async (saved) => { notifySaved(t('products.priceBooks.saved')); await client.invalidateQueries({ queryKey: ['price-books'] }); onSaved(saved.id); onClose(); },
    onError: (e) => setProblem(applyApiError(form, e, ['name', 'currency', 'customerLevel', 'isDefault'])),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={book ? book.name : t('products.priceBooks.new')}>
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          {problem && <Alert color="red">{problem}</Alert>}
          <TextInput label={t('products.priceBooks.name')} required {...form.getInputProps('name')} />
          <Select label={t('products.priceBooks.currency')} data={CURRENCIES} searchable allowDeselect={false} {...form.getInputProps('currency')} />
          <Select label={t('products.priceBooks.tier')} data={[{ value: '', label: t('products.priceBooks.tierAny') }, ...CUSTOMER_TIERS.map((x) => ({ value: x, label: x }))]} allowDeselect={false} {...form.getInputProps('customerLevel')} />
          <Checkbox label={t('products.priceBooks.isDefault')} {...form.getInputProps('isDefault', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('products.cancel')}</Button>
            <Button type="submit" loading={save.isPending}>{t('products.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
