import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Stack, Switch, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TBundleItem } from '@voyage/contracts';
import { canAccess, useSession } from '../../../app/session';
import { applyApiError, notifyError, notifySaved } from '../../../components/api-errors';
import { BundleItemsEditor } from './bundle-items-editor';
import { productsApi } from './products-api';

interface Props {
  /** The product to edit, `new` for a new one, null when closed. */
  productId: string | null;
  onClose(): void;
}

interface Values { sku: string; name: string; unit: string; productLine: string; description: string; active: boolean; isBundle: boolean; items: TBundleItem[] }
const EMPTY: Values = { sku: '', name: '', unit: '件', productLine: '', description: '', active: true, isBundle: false, items: [] };

/** Create or edit a product; a bundle edits its items too. Read-only without the right. */
export function ProductFormModal({ productId, onClose }: Props) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const isNew = productId === 'new';
  const readOnly = !canAccess(session, 'product', isNew ? 'create' : 'update');
  const mayDelete = !isNew && canAccess(session, 'product', 'delete');
  const detail = useQuery({ queryKey: ['product', productId], queryFn: () => productsApi.get(productId!), enabled: Boolean(productId) && !isNew });
  const form = useForm<Values>({ initialValues: EMPTY });
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setProblem(null);
    const p = detail.data;
    if (isNew) form.setValues(EMPTY);
    else if (p) form.setValues({ sku: p.sku, name: p.name, unit: p.unit, productLine: p.productLine ?? '', description: p.description ?? '', active: p.active, isBundle: p.isBundle, items: p.items.map(({ productId: id, quantity, optional }) => ({ productId: id, quantity, optional })) });
    form.resetDirty();
  }, [productId, detail.data]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { sku: v.sku.trim(), name: v.name.trim(), unit: v.unit.trim() || '件', productLine: v.productLine.trim() || null, description: v.description.trim() || null, active: v.active, isBundle: v.isBundle, items: v.isBundle ? v.items : [] };
      return isNew ? productsApi.create(body) : productsApi.update(productId!, { ...body, version: detail.data!.version });
    },
    onSuccess: async () => {
      notifySaved(t('products.saved'));
      await client.invalidateQueries({ queryKey: ['products'] });
      await client.invalidateQueries({ queryKey: ['product'] });
      onClose();
    },
    onError: (e) => setProblem(applyApiError(form, e, ['sku', 'name', 'unit', 'productLine', 'description', 'items', 'isBundle'])),
  });
  const remove = useMutation({
    mutationFn: () => productsApi.remove(productId!),
    onSuccess: async () => { notifySaved(t('products.deleted')); await client.invalidateQueries({ queryKey: ['products'] }); onClose(); },
    onError: notifyError,
  });

  return (
    <Modal opened={productId !== null} onClose={onClose} title={isNew ? t('products.new') : t('products.edit')} size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          {readOnly && <Alert color="gray">{t('products.readOnly')}</Alert>}
          {problem && <Alert color="red">{problem}</Alert>}
          <Group grow>
            <TextInput label={t('products.sku')} required disabled={readOnly} {...form.getInputProps('sku')} />
            <TextInput label={t('products.unit')} disabled={readOnly} {...form.getInputProps('unit')} />
          </Group>
          <TextInput label={t('products.name')} required disabled={readOnly} {...form.getInputProps('name')} />
          <TextInput label={t('products.productLine')} disabled={readOnly} {...form.getInputProps('productLine')} />
          <Textarea label={t('products.descriptionField')} autosize minRows={2} disabled={readOnly} {...form.getInputProps('description')} />
          <Group>
            <Switch label={t('products.active')} disabled={readOnly} {...form.getInputProps('active', { type: 'checkbox' })} />
            <Checkbox label={t('products.isBundle')} disabled={readOnly} {...form.getInputProps('isBundle', { type: 'checkbox' })} />
          </Group>
          {form.values.isBundle && (
            <BundleItemsEditor bundleId={isNew ? undefined : productId ?? undefined} items={form.values.items} readOnly={readOnly}
              errors={form.errors as Record<string, string | undefined>} onChange={(items) => form.setFieldValue('items', items)} />
          )}
          <Group justify="space-between">
            <div>{mayDelete && <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => { if (window.confirm(t('products.deleteConfirm'))) remove.mutate(); }}>{t('products.delete')}</Button>}</div>
            <Group>
              <Button variant="default" onClick={onClose}>{t('products.cancel')}</Button>
              {!readOnly && <Button type="submit" loading={save.isPending}>{t('products.save')}</Button>}
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
