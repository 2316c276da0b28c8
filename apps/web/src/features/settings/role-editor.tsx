import { useState } from 'react';
import { Accordion, Alert, Button, Checkbox, Group, Select, Stack, Switch, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { OBJECT_ACTIONS } from '@voyage/contracts';
import { useTranslation } from 'react-i18next';
import { rolesApi, type PermissionCatalog, type Role } from '../../api/platform';
import { applyApiError } from '../../components/api-errors';
import { localized } from '../../i18n';

type Action = (typeof OBJECT_ACTIONS)[number];
type FieldRule = 'hidden' | 'masked' | 'readonly';
interface Values {
  name: string;
  description: string;
  isAdmin: boolean;
  dataScope: Role['dataScope'];
  permissions: Record<string, Partial<Record<Action, boolean>>>;
  fieldRules: Record<string, Record<string, FieldRule>>;
  capabilities: string[];
}

function PermissionMatrix({ catalog, values, setValues, disabled }: { catalog: PermissionCatalog; values: Values; setValues: (p: Values['permissions']) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const set = (object: string, action: Action, on: boolean) => setValues({ ...values.permissions, [object]: { ...values.permissions[object], [action]: on } });
  const setColumn = (action: Action, on: boolean) => setValues(Object.fromEntries(catalog.objects.map((o) => [o.key, { ...values.permissions[o.key], [action]: on }])));
  if (catalog.objects.length === 0) return <Text size="sm" c="dimmed">{t('roles.noObjects')}</Text>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table withTableBorder verticalSpacing={6} data-testid="permission-matrix">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('roles.object')}</Table.Th>
            {catalog.actions.map((a) => {
              const all = catalog.objects.every((o) => values.permissions[o.key]?.[a.key]);
              return (
                <Table.Th key={a.key} ta="center">
                  <Stack gap={2} align="center">
                    <Text size="xs" fw={600}>{localized(a.labels, a.key)}</Text>
                    <Checkbox size="xs" checked={all} disabled={disabled} onChange={(e) => setColumn(a.key, e.currentTarget.checked)} aria-label={t('roles.allFor', { action: localized(a.labels, a.key) })} />
                  </Stack>
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {catalog.objects.map((o) => (
            <Table.Tr key={o.key}>
              <Table.Td><Text size="sm">{localized(o.labels, o.key)}</Text></Table.Td>
              {catalog.actions.map((a) => (
                <Table.Td key={a.key} ta="center">
                  <Checkbox checked={Boolean(values.permissions[o.key]?.[a.key])} disabled={disabled} onChange={(e) => set(o.key, a.key, e.currentTarget.checked)} aria-label={`${localized(o.labels, o.key)} ${localized(a.labels, a.key)}`} style={{ display: 'inline-block' }} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function FieldRules({ catalog, values, setRules, disabled }: { catalog: PermissionCatalog; values: Values; setRules: (r: Values['fieldRules']) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const objects = catalog.objects.filter((o) => o.fields.length > 0);
  if (objects.length === 0) return <Text size="sm" c="dimmed">{t('roles.noFields')}</Text>;
  const ruleOptions = [{ value: '', label: t('roles.ruleNone') }, ...catalog.fieldRules.map((r) => ({ value: r, label: t(`roles.rules.${r}`) }))];
  const set = (object: string, field: string, rule: string) => {
    const forObject = { ...values.fieldRules[object] };
    if (rule) forObject[field] = rule as FieldRule;
    else delete forObject[field];
    setRules({ ...values.fieldRules, [object]: forObject });
  };
  return (
    <Accordion variant="contained" multiple>
      {objects.map((o) => (
        <Accordion.Item key={o.key} value={o.key}>
          <Accordion.Control>{localized(o.labels, o.key)} <Text span size="xs" c="dimmed">({Object.keys(values.fieldRules[o.key] ?? {}).length})</Text></Accordion.Control>
          <Accordion.Panel>
            <Stack gap={6}>
              {o.fields.map((f) => (
                <Group key={f.key} justify="space-between" wrap="nowrap">
                  <Text size="sm">{localized(f.labels, f.key)}{f.sensitive && <Text span c="orange" size="xs"> · {t('roles.sensitive')}</Text>}</Text>
                  <Select size="xs" w={150} data={ruleOptions} value={values.fieldRules[o.key]?.[f.key] ?? ''} onChange={(v) => set(o.key, f.key, v ?? '')} disabled={disabled} allowDeselect={false} aria-label={localized(f.labels, f.key)} comboboxProps={{ withinPortal: true }} />
                </Group>
              ))}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

export function RoleEditor({ role, catalog, onSaved, onCancel }: { role: Role | null; catalog: PermissionCatalog; onSaved: (r: Role) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      name: role?.name ?? '',
      description: role?.description ?? '',
      isAdmin: role?.isAdmin ?? false,
      dataScope: role?.dataScope ?? 'own',
      permissions: role?.permissions ?? {},
      fieldRules: role?.fieldRules ?? {},
      capabilities: role?.capabilities ?? [],
    },
    validate: { name: (v) => (v.trim() ? null : t('common.required')) },
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    const body = { name: v.name.trim(), description: v.description, isAdmin: v.isAdmin, dataScope: v.dataScope, permissions: v.permissions, fieldRules: v.fieldRules, capabilities: v.capabilities };
    try {
      onSaved(role ? await rolesApi.update(role.id, { ...body, version: role.version }) : await rolesApi.create(body));
    } catch (e) {
      setError(applyApiError(form, e, ['name', 'description', 'dataScope']));
    }
  });
  const admin = form.values.isAdmin;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {error && <Alert color="red">{error}</Alert>}
        <Group grow align="flex-start">
          <TextInput label={t('roles.name')} required {...form.getInputProps('name')} />
          <Select label={t('roles.dataScope')} data={catalog.scopes.map((s) => ({ value: s.key, label: localized(s.labels, s.key) }))} allowDeselect={false} {...form.getInputProps('dataScope')} comboboxProps={{ withinPortal: true }} />
        </Group>
        <Textarea label={t('roles.descriptionLabel')} autosize minRows={1} {...form.getInputProps('description')} />
        <Switch label={t('roles.isAdmin')} description={t('roles.isAdminHint')} {...form.getInputProps('isAdmin', { type: 'checkbox' })} />
        <div>
          <Title order={5} mb="xs">{t('roles.objectRights')}</Title>
          <PermissionMatrix catalog={catalog} values={form.values} setValues={(p) => form.setFieldValue('permissions', p)} disabled={admin} />
        </div>
        <div>
          <Title order={5} mb="xs">{t('roles.fieldRules')}</Title>
          <FieldRules catalog={catalog} values={form.values} setRules={(r) => form.setFieldValue('fieldRules', r)} disabled={admin} />
        </div>
        <div>
          <Title order={5} mb="xs">{t('roles.capabilities')}</Title>
          <Checkbox.Group value={form.values.capabilities} onChange={(v) => form.setFieldValue('capabilities', v)}>
            <Stack gap={6}>
              {catalog.capabilities.map((c) => <Checkbox key={c.key} value={c.key} label={localized(c.labels, c.key)} disabled={admin} />)}
            </Stack>
          </Checkbox.Group>
        </div>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="submit" loading={form.submitting}>{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
