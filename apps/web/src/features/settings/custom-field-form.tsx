import { useState } from 'react';
import { ActionIcon, Alert, Button, Group, NumberInput, Select, Stack, Switch, Text, TextInput, Textarea, Fieldset } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { CUSTOM_FIELD_TYPES } from '@voyage/contracts';
import { useTranslation } from 'react-i18next';
import { customFieldsApi, type CustomField } from '../../api/platform';
import { applyApiError } from '../../components/api-errors';
import { localized } from '../../i18n';
import { usePermissionCatalog } from './use-objects';

type FieldType = (typeof CUSTOM_FIELD_TYPES)[number];
interface OptionRow { value: string; label: string }
interface Values {
  key: string;
  label: string;
  labelZhCN: string;
  labelZhTW: string;
  labelEn: string;
  type: FieldType;
  required: boolean;
  helpText: string;
  options: OptionRow[];
  format: string;
  maxLength: number | string;
  min: number | string;
  max: number | string;
  decimals: number | string;
  currency: string;
  linkObject: string | null;
}

/** A key from a Latin label ("Budget code" → budget_code); other scripts need the key typed. */
export function keyFromLabel(label: string): string {
  const slug = label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^[0-9_]+/, '');
  return slug.slice(0, 40);
}

/** The autonumber pattern filled in with today's date and the first number, as a preview. */
export function previewAutonumber(format: string, now = new Date()): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return format
    .replace(/\{YYYY\}/g, String(now.getFullYear()))
    .replace(/\{YY\}/g, pad(now.getFullYear() % 100, 2))
    .replace(/\{MM\}/g, pad(now.getMonth() + 1, 2))
    .replace(/\{DD\}/g, pad(now.getDate(), 2))
    .replace(/\{(0+)\}/g, (_, zeros: string) => pad(1, zeros.length));
}

const num = (v: number | string) => (v === '' || v === undefined ? undefined : Number(v));

function toValues(field: CustomField | null): Values {
  const c = (field?.config ?? {}) as Record<string, unknown>;
  return {
    key: field?.key ?? '',
    label: field?.label ?? '',
    labelZhCN: field?.labels['zh-CN'] ?? '',
    labelZhTW: field?.labels['zh-TW'] ?? '',
    labelEn: field?.labels.en ?? '',
    type: field?.type ?? 'text',
    required: field?.required ?? false,
    helpText: field?.helpText ?? '',
    options: field?.options.map((o) => ({ value: o.value, label: o.label })) ?? [],
    format: typeof c.format === 'string' ? c.format : 'NO-{YYYY}-{000000}',
    maxLength: typeof c.maxLength === 'number' ? c.maxLength : '',
    min: typeof c.min === 'number' ? c.min : '',
    max: typeof c.max === 'number' ? c.max : '',
    decimals: typeof c.decimals === 'number' ? c.decimals : '',
    currency: typeof c.currency === 'string' ? c.currency : '',
    linkObject: typeof c.linkObject === 'string' ? c.linkObject : null,
  };
}

function configFor(values: Values): Record<string, unknown> {
  switch (values.type) {
    case 'text':
    case 'long_text':
      return { maxLength: num(values.maxLength) };
    case 'number':
      return { min: num(values.min), max: num(values.max), decimals: num(values.decimals) };
    case 'currency':
      return { currency: values.currency || undefined, min: num(values.min), max: num(values.max) };
    case 'autonumber':
      return { format: values.format };
    case 'record_link':
      return { linkObject: values.linkObject ?? undefined };
    default:
      return {};
  }
}

function OptionsEditor({ form }: { form: UseFormReturnType<Values> }) {
  const { t } = useTranslation();
  const options = form.values.options;
  return (
    <Fieldset legend={t('customFields.options')} data-testid="picklist-editor">
      <Stack gap="xs">
        {options.length === 0 && <Text size="sm" c="dimmed">{t('customFields.noOptions')}</Text>}
        {options.map((_, index) => (
          <Group key={index} gap="xs" wrap="nowrap" align="flex-start">
            <TextInput placeholder={t('customFields.optionLabel')} aria-label={t('customFields.optionLabel')} style={{ flex: 2 }} {...form.getInputProps(`options.${index}.label`)}
              onChange={(e) => {
                const label = e.currentTarget.value;
                const previous = options[index];
                form.setFieldValue(`options.${index}.label`, label);
                // The stored value follows the label until someone edits it by hand.
                if (!previous.value || previous.value === keyFromLabel(previous.label)) form.setFieldValue(`options.${index}.value`, keyFromLabel(label));
              }}
            />
            <TextInput placeholder={t('customFields.optionValue')} aria-label={t('customFields.optionValue')} style={{ flex: 1 }} {...form.getInputProps(`options.${index}.value`)} />
            <ActionIcon variant="subtle" color="red" mt={4} onClick={() => form.removeListItem('options', index)} aria-label={t('common.remove')}><IconTrash size={16} /></ActionIcon>
          </Group>
        ))}
        <Group><Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('options', { value: '', label: '' })}>{t('customFields.addOption')}</Button></Group>
      </Stack>
    </Fieldset>
  );
}

export function CustomFieldForm({ object, field, onSaved, onCancel }: { object: string; field: CustomField | null; onSaved: (f: CustomField) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const catalog = usePermissionCatalog();
  const [error, setError] = useState<string | null>(null);
  const [keyTouched, setKeyTouched] = useState(Boolean(field));
  const form = useForm<Values>({
    initialValues: toValues(field),
    validate: {
      label: (v) => (v.trim() ? null : t('common.required')),
      key: (v) => (/^[a-z][a-z0-9_]{0,39}$/.test(v) ? null : t('customFields.keyInvalid')),
      format: (v, values) => (values.type === 'autonumber' && !/\{0+\}/.test(v) ? t('customFields.formatInvalid') : null),
      options: (v, values) => ((values.type === 'single_select' || values.type === 'multi_select') && v.length === 0 ? t('customFields.optionsRequired') : null),
    },
  });
  const isNew = !field;
  const type = form.values.type;
  const submit = form.onSubmit(async (values) => {
    setError(null);
    const labels = Object.fromEntries(Object.entries({ 'zh-CN': values.labelZhCN, 'zh-TW': values.labelZhTW, en: values.labelEn }).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]));
    const options = values.type === 'single_select' || values.type === 'multi_select' ? values.options.map((o) => ({ value: o.value.trim(), label: o.label.trim() })) : undefined;
    const config = JSON.parse(JSON.stringify(configFor(values))) as Record<string, unknown>;
    const common = { label: values.label.trim(), labels, required: values.required, helpText: values.helpText.trim() || null, options, config };
    try {
      const saved = isNew
        ? await customFieldsApi.create({ object, key: values.key, type: values.type, ...common })
        : await customFieldsApi.update(field.id, { version: field.version, ...common });
      onSaved(saved);
    } catch (e) {
      setError(applyApiError(form, e, ['key', 'label', 'labels', 'type', 'required', 'helpText', 'options', 'config']));
    }
  });
  const linkObjects = (catalog.data?.objects ?? []).map((o) => ({ value: o.key, label: localized(o.labels, o.key) }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <TextInput label={t('customFields.label')} required {...form.getInputProps('label')} data-autofocus name="label"
          onChange={(e) => {
            const label = e.currentTarget.value;
            form.setFieldValue('label', label);
            if (!keyTouched) form.setFieldValue('key', keyFromLabel(label));
          }}
        />
        <TextInput label={t('customFields.key')} description={isNew ? t('customFields.keyHint') : t('customFields.keyFixed')} required disabled={!isNew} {...form.getInputProps('key')} name="key"
          onChange={(e) => { setKeyTouched(true); form.setFieldValue('key', e.currentTarget.value); }}
        />
        <Select label={t('customFields.type')} data={CUSTOM_FIELD_TYPES.map((v) => ({ value: v, label: t(`customFields.types.${v}`) }))} allowDeselect={false} disabled={!isNew} description={isNew ? undefined : t('customFields.typeFixed')} {...form.getInputProps('type')} name="type" comboboxProps={{ withinPortal: true }} />
        {(type === 'single_select' || type === 'multi_select') && <OptionsEditor form={form} />}
        {form.errors.options && <Text c="red" size="sm">{form.errors.options}</Text>}
        {type === 'autonumber' && (
          <TextInput label={t('customFields.format')} description={t('customFields.formatHint')} {...form.getInputProps('format')}
            rightSectionWidth={160} rightSection={<Text size="xs" c="dimmed" truncate>{previewAutonumber(form.values.format)}</Text>} />
        )}
        {(type === 'text' || type === 'long_text') && <NumberInput label={t('customFields.maxLength')} min={1} max={100000} allowDecimal={false} {...form.getInputProps('maxLength')} />}
        {(type === 'number' || type === 'currency') && (
          <Group grow>
            <NumberInput label={t('customFields.min')} {...form.getInputProps('min')} />
            <NumberInput label={t('customFields.max')} {...form.getInputProps('max')} />
            {type === 'number' && <NumberInput label={t('customFields.decimals')} min={0} max={10} allowDecimal={false} {...form.getInputProps('decimals')} />}
          </Group>
        )}
        {type === 'currency' && <TextInput label={t('customFields.currency')} placeholder="CNY" maxLength={3} {...form.getInputProps('currency')} onChange={(e) => form.setFieldValue('currency', e.currentTarget.value.toUpperCase())} />}
        {type === 'record_link' && <Select label={t('customFields.linkObject')} data={linkObjects} {...form.getInputProps('linkObject')} comboboxProps={{ withinPortal: true }} />}
        {type !== 'autonumber' && type !== 'boolean' && <Switch label={t('customFields.required')} {...form.getInputProps('required', { type: 'checkbox' })} />}
        <Textarea label={t('customFields.helpText')} autosize minRows={1} maxRows={4} {...form.getInputProps('helpText')} />
        <Fieldset legend={t('customFields.translations')}>
          <Stack gap="xs">
            <TextInput label="简体中文" {...form.getInputProps('labelZhCN')} />
            <TextInput label="繁體中文" {...form.getInputProps('labelZhTW')} />
            <TextInput label="English" {...form.getInputProps('labelEn')} />
          </Stack>
        </Fieldset>
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="submit" loading={form.submitting} data-testid="save-custom-field">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
