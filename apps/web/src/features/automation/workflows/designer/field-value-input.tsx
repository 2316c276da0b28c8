import { MultiSelect, NumberInput, Select, Switch, TagsInput, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { membersApi } from '../../../../api/platform';
import type { TCatalogField } from '../workflows-api';

const combo = { withinPortal: true };

/** A value for one record field of the catalogue, with the input its kind calls for. */
export function FieldValueInput({ field, value, onChange, label, error, testId }: { field: TCatalogField; value: unknown; onChange: (v: unknown) => void; label: string; error?: string; testId?: string }) {
  const { t } = useTranslation();
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), staleTime: 60_000, enabled: field.kind === 'user' });
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const list = Array.isArray(value) ? value.map(String) : [];
  const common = { label, error, 'data-testid': testId };
  switch (field.kind) {
    case 'number':
    case 'money':
      return <NumberInput {...common} value={typeof value === 'number' ? value : ''} onChange={(v) => onChange(typeof v === 'number' ? v : null)} />;
    case 'boolean':
      return <Switch {...common} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />;
    case 'date':
      return <TextInput {...common} type="date" value={text} onChange={(e) => onChange(e.currentTarget.value || null)} />;
    case 'datetime':
      return <TextInput {...common} type="datetime-local" value={text} onChange={(e) => onChange(e.currentTarget.value || null)} />;
    case 'picklist':
      return <Select {...common} data={field.options ?? []} value={text || null} onChange={(v) => onChange(v)} searchable clearable comboboxProps={combo} />;
    case 'multi':
      return <MultiSelect {...common} data={field.options ?? []} value={list} onChange={onChange} searchable comboboxProps={combo} />;
    case 'tags':
      return <TagsInput {...common} value={list} onChange={onChange} comboboxProps={combo} />;
    case 'user':
      return <Select {...common} data={(members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name }))} value={text || null} onChange={(v) => onChange(v)} searchable clearable comboboxProps={combo} placeholder={t('workflows.pickUser')} />;
    default:
      return <TextInput {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} maxLength={2000} />;
  }
}
