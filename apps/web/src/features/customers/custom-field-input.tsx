import { Checkbox, MultiSelect, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { DateInput, DateTimePicker } from '@mantine/dates';
import type { CustomField } from '../../api/platform';
import { localized } from '../../i18n';
import { MemberSelect, RecordSelect } from './record-select';

function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** One input for a custom field, converting between the stored value and what the input shows. */
export function CustomFieldInput({ field, value, onChange, error }: { field: CustomField; value: unknown; onChange: (v: unknown) => void; error?: React.ReactNode }) {
  const label = localized(field.labels, field.label);
  const common = { label, description: field.helpText ?? undefined, required: field.required, error };
  const config = field.config as { currency?: string; decimals?: number; min?: number; max?: number; maxLength?: number; linkObject?: string };
  const options = field.options.map((o) => ({ value: o.value, label: localized(o.labels, o.label) }));
  switch (field.type) {
    case 'long_text':
      return <Textarea {...common} autosize minRows={2} maxRows={6} maxLength={config.maxLength} value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'number':
      return <NumberInput {...common} min={config.min} max={config.max} decimalScale={config.decimals} value={(value as number) ?? ''} onChange={(v) => onChange(v === '' ? null : Number(v))} />;
    case 'currency': {
      const money = value as { amount: number; currency?: string } | null | undefined;
      const currency = money?.currency ?? config.currency ?? 'CNY';
      const digits = currencyDigits(currency);
      return (
        <NumberInput {...common} prefix={`${currency} `} decimalScale={digits} fixedDecimalScale thousandSeparator=","
          value={money ? money.amount / 10 ** digits : ''}
          onChange={(v) => onChange(v === '' ? null : { amount: Math.round(Number(v) * 10 ** digits), currency })} />
      );
    }
    case 'date':
      return <DateInput {...common} clearable valueFormat="YYYY-MM-DD" value={(value as string) ?? null} onChange={(v) => onChange(v || null)} />;
    case 'datetime':
      return <DateTimePicker {...common} clearable valueFormat="YYYY-MM-DD HH:mm" value={value ? new Date(value as string) : null} onChange={(v) => onChange(v ? new Date(v).toISOString() : null)} />;
    case 'boolean':
      return <Checkbox label={label} description={field.helpText ?? undefined} error={error} checked={Boolean(value)} onChange={(e) => onChange(e.currentTarget.checked)} mt="xs" />;
    case 'single_select':
      return <Select {...common} clearable data={options} value={(value as string) ?? null} onChange={(v) => onChange(v)} comboboxProps={{ withinPortal: true }} />;
    case 'multi_select':
      return <MultiSelect {...common} clearable data={options} value={(value as string[]) ?? []} onChange={(v) => onChange(v)} comboboxProps={{ withinPortal: true }} />;
    case 'user':
      return <MemberSelect label={label} required={field.required} error={error} value={(value as string) ?? null} onChange={onChange} />;
    case 'record_link':
      return <RecordSelect object={config.linkObject ?? ''} label={label} required={field.required} error={error} value={(value as string) ?? null} onChange={onChange} description={field.helpText ?? undefined} />;
    case 'autonumber':
      return <TextInput {...common} required={false} value={(value as string) ?? ''} readOnly variant="filled" placeholder="—" />;
    case 'email':
      return <TextInput {...common} type="email" value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'url':
      return <TextInput {...common} type="url" placeholder="https://" value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'phone':
      return <TextInput {...common} type="tel" value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value)} />;
    default:
      return <TextInput {...common} maxLength={config.maxLength} value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

/** The display form of a stored custom value in a table cell. */
export function formatCustomValue(field: CustomField, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'boolean':
      return value ? '✓' : '';
    case 'single_select':
      return localized(field.options.find((o) => o.value === value)?.labels, field.options.find((o) => o.value === value)?.label ?? String(value));
    case 'multi_select':
      return (value as string[]).map((v) => field.options.find((o) => o.value === v)?.label ?? v).join(', ');
    case 'currency': {
      const money = value as { amount: number; currency?: string };
      const currency = money.currency ?? (field.config as { currency?: string }).currency ?? 'CNY';
      return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(money.amount / 10 ** currencyDigits(currency));
    }
    case 'datetime':
      return new Date(value as string).toLocaleString();
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
