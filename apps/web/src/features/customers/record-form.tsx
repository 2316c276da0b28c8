import { useState } from 'react';
import { Alert, Button, Divider, Group, Select, SimpleGrid, Stack, TagsInput, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { LIFECYCLE_STAGES } from '@voyage/contracts';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../api/platform';
import { applyApiError } from '../../components/api-errors';
import { CustomFieldInput } from './custom-field-input';
import type { ObjectConfig, RecordRow } from './record-config';
import { MemberSelect, RecordSelect } from './record-select';

type Values = Record<string, unknown> & { custom: Record<string, unknown> };

function initialValues(config: ObjectConfig, record: RecordRow | null): Values {
  const values: Values = { custom: { ...(record?.custom ?? {}) } };
  for (const f of config.form) values[f.key] = record?.[f.key] ?? (f.kind === 'tags' ? [] : f.kind === 'account' || f.kind === 'owner' || f.kind === 'lifecycle' ? null : '');
  return values;
}

/**
 * Only changed fields are sent on update, so fields hidden by field security are never overwritten.
 * On create, fields left empty are not sent: the server's defaults apply (an empty owner means
 * assignment rules, then the creator; an explicit null would put the new record in the pool).
 */
function bodyFrom(config: ObjectConfig, values: Values, record: RecordRow | null, fields: CustomField[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of config.form) {
    let v = values[f.key];
    if (typeof v === 'string') v = v.trim() === '' ? null : v.trim();
    if (f.key === 'name' && v === null) v = '';
    if (!record && (v === null || (Array.isArray(v) && v.length === 0))) continue;
    const before = record?.[f.key] ?? (f.kind === 'tags' ? [] : null);
    if (!record || JSON.stringify(v) !== JSON.stringify(before)) body[f.key] = v;
  }
  const custom: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.type === 'autonumber') continue;
    let v = values.custom[field.key];
    if (v === '' || (Array.isArray(v) && v.length === 0)) v = null;
    const before = record?.custom?.[field.key] ?? null;
    if (JSON.stringify(v ?? null) !== JSON.stringify(before)) {
      if (record || v !== null) custom[field.key] = v;
    }
  }
  if (Object.keys(custom).length > 0) body.custom = custom;
  return body;
}

export function RecordForm({ config, record, customFields, onSaved, onCancel }: { config: ObjectConfig; record: RecordRow | null; customFields: CustomField[]; onSaved: (r: RecordRow) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: initialValues(config, record),
    validate: (values) => {
      const errors: Record<string, string> = {};
      if (!String(values.name ?? '').trim()) errors.name = t('common.required');
      for (const f of customFields) {
        const v = values.custom[f.key];
        if (f.required && f.type !== 'autonumber' && f.type !== 'boolean' && (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0))) errors[`custom.${f.key}`] = t('common.required');
      }
      return errors;
    },
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body = bodyFrom(config, values, record, customFields);
    try {
      const saved = record?.id ? await config.api.update(record.id, { ...body, version: record.version }) : await config.api.create(body);
      onSaved(saved);
    } catch (e) {
      setError(applyApiError(form, e, [...config.form.map((f) => f.key), 'custom']));
    }
  });
  const fieldLabel = (key: string) => t(`customers.fields.${key}`);
  return (
    <form onSubmit={submit} noValidate data-testid="record-form">
      <Stack gap="sm">
        {error && <Alert color="red" role="alert" data-testid="record-form-error">{error}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {config.form.map((f) => {
            const props = form.getInputProps(f.key);
            switch (f.kind) {
              case 'account':
                return <RecordSelect key={f.key} object="account" label={fieldLabel(f.key)} value={(form.values[f.key] as string) ?? null} onChange={(v) => form.setFieldValue(f.key, v)} error={form.errors[f.key]} />;
              case 'owner':
                return <MemberSelect key={f.key} label={fieldLabel(f.key)} value={(form.values[f.key] as string) ?? null} onChange={(v) => form.setFieldValue(f.key, v)} error={form.errors[f.key]} />;
              case 'lifecycle':
                return <Select key={f.key} label={fieldLabel(f.key)} clearable data={LIFECYCLE_STAGES.map((s) => ({ value: s, label: t(`customers.lifecycle.${s}`) }))} {...props} comboboxProps={{ withinPortal: true }} />;
              case 'tags':
                return <TagsInput key={f.key} label={fieldLabel(f.key)} clearable {...props} />;
              default:
                return <TextInput key={f.key} label={fieldLabel(f.key)} required={f.required} type={f.kind === 'text' ? undefined : f.kind} {...props} value={(form.values[f.key] as string) ?? ''} data-testid={`record-field-${f.key}`} />;
            }
          })}
        </SimpleGrid>
        {customFields.length > 0 && (
          <>
            <Divider my={4} />
            <Title order={5}>{t('customers.customFields')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {customFields.map((f) => (
                <CustomFieldInput key={f.id} field={f} value={form.values.custom[f.key]} error={form.errors[`custom.${f.key}`]}
                  onChange={(v) => form.setFieldValue('custom', { ...form.values.custom, [f.key]: v })} />
              ))}
            </SimpleGrid>
          </>
        )}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="submit" loading={form.submitting} data-testid="record-form-save">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
