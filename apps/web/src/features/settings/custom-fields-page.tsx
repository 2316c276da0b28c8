import { useState } from 'react';
import { ActionIcon, Badge, Button, Code, Drawer, Group, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { customFieldsApi, type CustomField } from '../../api/platform';
import { notifyError, notifySaved } from '../../components/api-errors';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { RequireCapability } from '../../components/require-capability';
import { localized } from '../../i18n';
import { CustomFieldForm } from './custom-field-form';
import { usePermissionCatalog } from './use-objects';

export const CUSTOM_FIELDS_KEY = ['custom-fields'] as const;

function FieldsTable({ object, onEdit }: { object: string; onEdit: (f: CustomField) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const fields = useQuery({ queryKey: [...CUSTOM_FIELDS_KEY, object], queryFn: () => customFieldsApi.list(object) });
  const remove = useMutation({
    mutationFn: (id: string) => customFieldsApi.remove(id),
    onSuccess: () => { notifySaved(t('customFields.deleted')); void client.invalidateQueries({ queryKey: CUSTOM_FIELDS_KEY }); },
    onError: notifyError,
  });
  if (!fields.data) return <QueryState query={fields} />;
  const rows = fields.data.data;
  if (rows.length === 0) return <Text c="dimmed" ta="center" p="xl">{t('customFields.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="custom-fields-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('customFields.label')}</Table.Th>
            <Table.Th>{t('customFields.key')}</Table.Th>
            <Table.Th>{t('customFields.type')}</Table.Th>
            <Table.Th>{t('customFields.required')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td><Text size="sm" fw={500}>{localized(f.labels, f.label)}</Text>{f.helpText && <Text size="xs" c="dimmed" lineClamp={1}>{f.helpText}</Text>}</Table.Td>
              <Table.Td><Code>{f.key}</Code></Table.Td>
              <Table.Td><Badge variant="light" tt="none">{t(`customFields.types.${f.type}`)}</Badge></Table.Td>
              <Table.Td>{f.required ? <Badge color="orange" variant="light">{t('common.yes')}</Badge> : <Text size="sm" c="dimmed">{t('common.no')}</Text>}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Tooltip label={t('common.edit')}><ActionIcon variant="subtle" onClick={() => onEdit(f)} aria-label={t('common.edit')}><IconEdit size={16} /></ActionIcon></Tooltip>
                  <Tooltip label={t('common.delete')}>
                    <ActionIcon variant="subtle" color="red" aria-label={t('common.delete')}
                      onClick={() => modals.openConfirmModal({
                        title: t('customFields.deleteTitle'),
                        children: <Text size="sm">{t('customFields.deleteConfirm', { label: f.label })}</Text>,
                        labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
                        confirmProps: { color: 'red' },
                        onConfirm: () => remove.mutate(f.id),
                      })}
                    ><IconTrash size={16} /></ActionIcon>
                  </Tooltip>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function CustomFieldsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const catalog = usePermissionCatalog();
  const objects = (catalog.data?.objects ?? []).map((o) => ({ value: o.key, label: localized(o.labels, o.key) }));
  const objectList = objects.length > 0 ? objects : [{ value: 'contact', label: t('objects.contact') }, { value: 'account', label: t('objects.account') }];
  const [object, setObject] = useState<string | null>(null);
  const current = object ?? objectList[0]?.value ?? 'contact';
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  return (
    <RequireCapability capability="settings.custom_fields">
      <Stack>
        <PageHeader title={t('settings.customFields')} description={t('customFields.description')}
          actions={<Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="add-custom-field">{t('customFields.add')}</Button>} />
        <Select label={t('customFields.object')} data={objectList} value={current} onChange={(v) => v && setObject(v)} allowDeselect={false} maw={280} data-testid="custom-field-object" comboboxProps={{ withinPortal: true }} />
        <FieldsTable object={current} onEdit={setEditing} />
        <Drawer opened={editing !== null} onClose={() => setEditing(null)} position="right" size="md"
          title={editing === 'new' ? t('customFields.addTo', { object: objectList.find((o) => o.value === current)?.label ?? current }) : t('customFields.edit')}>
          {editing !== null && (
            <CustomFieldForm
              key={editing === 'new' ? 'new' : editing.id}
              object={current}
              field={editing === 'new' ? null : editing}
              onCancel={() => setEditing(null)}
              onSaved={() => {
                setEditing(null);
                notifySaved();
                void client.invalidateQueries({ queryKey: CUSTOM_FIELDS_KEY });
              }}
            />
          )}
        </Drawer>
      </Stack>
    </RequireCapability>
  );
}
