import { Group, MultiSelect, NumberInput, Select, TagsInput, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TSegmentRuleCondition } from '@voyage/contracts';
import { membersApi } from '../../../api/platform';
import type { CustomerObject } from '../record-config';
import { NO_VALUE, type RuleField } from './rule-fields';
import { tagsApi } from './segments-api';

type Value = TSegmentRuleCondition['value'];
const combo = { withinPortal: true };

/** The value input of one condition, chosen by the field's type and the operator. */
export function RuleValueInput({ object, field, operator, value, onChange }: { object: CustomerObject; field: RuleField; operator: string; value: Value; onChange: (v: Value) => void }) {
  const { t } = useTranslation();
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), staleTime: 60_000, enabled: field.input === 'owner' });
  const tags = useQuery({ queryKey: ['tags', object], queryFn: () => tagsApi.list(object), staleTime: 60_000, enabled: field.input === 'tags' });
  if (NO_VALUE.has(operator)) return null;
  const label = t('segments.value');
  const list = Array.isArray(value) ? value : [];
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const options = (field.options ?? []).map((o) => ({ value: o.value, label: o.labelKey ? t(o.labelKey) : o.label }));
  const style = { flex: '1 1 180px', minWidth: 0 };

  if (field.input === 'date' && (operator === 'within_last_days' || operator === 'more_than_days_ago')) {
    return <NumberInput aria-label={label} style={style} min={0} max={36500} allowDecimal={false} value={typeof value === 'number' ? value : ''} onChange={(v) => onChange(typeof v === 'number' ? v : null)} rightSection={t('segments.days')} rightSectionWidth={48} />;
  }
  if (operator === 'between' && (field.input === 'date' || field.input === 'number')) {
    const type = field.input === 'date' ? 'date' : 'number';
    const set = (i: number, v: string) => { const next = [list[0] ?? '', list[1] ?? '']; next[i] = v; onChange(next); };
    return (
      <Group gap={4} wrap="nowrap" style={style}>
        <TextInput aria-label={t('segments.from')} type={type} value={list[0] ?? ''} onChange={(e) => set(0, e.currentTarget.value)} style={{ flex: 1, minWidth: 0 }} />
        <TextInput aria-label={t('segments.to')} type={type} value={list[1] ?? ''} onChange={(e) => set(1, e.currentTarget.value)} style={{ flex: 1, minWidth: 0 }} />
      </Group>
    );
  }
  switch (field.input) {
    case 'date':
      return <TextInput aria-label={label} type="date" style={style} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'number':
      return <NumberInput aria-label={label} style={style} value={typeof value === 'number' ? value : ''} onChange={(v) => onChange(typeof v === 'number' ? v : null)} />;
    case 'boolean':
      return <Select aria-label={label} style={style} data={[{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} value={typeof value === 'boolean' ? String(value) : null} onChange={(v) => onChange(v === null ? null : v === 'true')} comboboxProps={combo} />;
    case 'picklist':
    case 'multi':
      return operator === 'in' || field.input === 'multi'
        ? <MultiSelect aria-label={label} style={style} data={options} value={list} onChange={onChange} searchable comboboxProps={combo} />
        : <Select aria-label={label} style={style} data={options} value={text || null} onChange={(v) => onChange(v)} searchable comboboxProps={combo} />;
    case 'tags':
      return <TagsInput aria-label={label} style={style} data={(tags.data?.data ?? []).map((tag) => tag.name)} value={list} onChange={onChange} placeholder={t('segments.pickTags')} comboboxProps={combo} />;
    case 'owner': {
      const data = [{ value: 'me', label: t('segments.me') }, ...(members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name }))];
      return operator === 'in'
        ? <MultiSelect aria-label={label} style={style} data={data} value={list} onChange={onChange} searchable comboboxProps={combo} />
        : <Select aria-label={label} style={style} data={data} value={text || null} onChange={(v) => onChange(v)} searchable comboboxProps={combo} />;
    }
    default:
      return <TextInput aria-label={label} style={style} value={text} onChange={(e) => onChange(e.currentTarget.value)} maxLength={1000} />;
  }
}
