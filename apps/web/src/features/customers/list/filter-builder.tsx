import { ActionIcon, Badge, Button, CloseButton, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconFilter, IconPlus, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TListOperator } from '@voyage/contracts';
import { membersApi } from '../../../api/platform';
import type { CustomerObject } from '../record-config';
import type { RuleField, RuleInputKind } from '../segments/rule-fields';
import { RuleValueInput } from '../segments/rule-value-input';
import { isComplete, type ListFilter } from './list-state';

/** Operators of the list API offered for each kind of field. */
export const LIST_OPERATORS_BY_INPUT: Record<RuleInputKind, TListOperator[]> = {
  text: ['contains', 'eq', 'neq', 'starts_with', 'is_empty', 'is_not_empty'],
  picklist: ['eq', 'neq', 'in', 'is_empty', 'is_not_empty'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'],
  date: ['gt', 'lt', 'between', 'is_empty', 'is_not_empty'],
  boolean: ['eq'],
  tags: ['in', 'is_empty', 'is_not_empty'],
  multi: ['in', 'is_empty', 'is_not_empty'],
  owner: ['eq', 'neq', 'in', 'is_empty', 'is_not_empty'],
};
const LIST_VALUE = new Set<TListOperator>(['in', 'between']);
const NO_VALUE = new Set<TListOperator>(['is_empty', 'is_not_empty']);
const combo = { withinPortal: true };

const fieldLabel = (t: (k: string) => string, f: RuleField | undefined, key: string) => (f ? (f.labelKey ? t(f.labelKey) : f.label ?? f.key) : key);

interface Props {
  object: CustomerObject;
  fields: RuleField[];
  filters: ListFilter[];
  onChange: (filters: ListFilter[]) => void;
}

/** The "Filters" toggle; the conditions themselves are edited in the FilterPanel below the toolbar. */
export function FilterButton({ filters, opened, onToggle }: { filters: ListFilter[]; opened: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const active = filters.filter(isComplete).length;
  return (
    <Button variant={active || opened ? 'light' : 'default'} leftSection={<IconFilter size={16} />} data-testid="filter-builder" aria-expanded={opened} onClick={onToggle}
      rightSection={active ? <Badge size="sm" circle>{active}</Badge> : undefined}>{t('customerList.filters')}</Button>
  );
}

/** Conditions over built-in, custom and activity fields, all of which must match; applied as they are completed. */
export function FilterPanel({ object, fields, filters, onChange, onClose }: Props & { onClose: () => void }) {
  const { t } = useTranslation();
  const set = (i: number, f: ListFilter) => onChange(filters.map((x, j) => (j === i ? f : x)));
  const add = () => {
    const first = fields[0];
    if (first) onChange([...filters, { field: first.key, op: LIST_OPERATORS_BY_INPUT[first.input][0], value: null }]);
  };
  return (
    <Paper withBorder p="sm" radius="md" data-testid="filter-panel">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" c="dimmed">{t('customerList.filtersHelp')}</Text>
          <CloseButton aria-label={t('common.collapse')} onClick={onClose} />
        </Group>
        {filters.map((filter, i) => <FilterRow key={i} object={object} fields={fields} filter={filter} onChange={(f) => set(i, f)} onRemove={() => onChange(filters.filter((_, j) => j !== i))} />)}
        <Group justify="space-between">
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={add} data-testid="filter-add">{t('customerList.addFilter')}</Button>
          {filters.length > 0 && <Button size="xs" variant="subtle" color="gray" onClick={() => onChange([])}>{t('customerList.clearFilters')}</Button>}
        </Group>
      </Stack>
    </Paper>
  );
}

function FilterRow({ object, fields, filter, onChange, onRemove }: { object: CustomerObject; fields: RuleField[]; filter: ListFilter; onChange: (f: ListFilter) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const field = fields.find((f) => f.key === filter.field);
  const groups = (['builtIn', 'custom', 'behaviour'] as const)
    .map((g) => ({ group: t(`segments.fieldGroups.${g}`), items: fields.filter((f) => f.group === g).map((f) => ({ value: f.key, label: fieldLabel(t, f, f.key) })) }))
    .filter((g) => g.items.length > 0);
  const operators = field ? LIST_OPERATORS_BY_INPUT[field.input] : [filter.op];
  const pickField = (key: string | null) => {
    const next = fields.find((f) => f.key === key);
    if (next) onChange({ field: next.key, op: LIST_OPERATORS_BY_INPUT[next.input][0], value: null });
  };
  const pickOperator = (op: string | null) => {
    if (!op) return;
    const next = op as TListOperator;
    // Keep the value when its shape still fits the operator; otherwise start empty.
    const keep = !NO_VALUE.has(next) && LIST_VALUE.has(next) === Array.isArray(filter.value);
    onChange({ ...filter, op: next, value: keep ? filter.value : null });
  };
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" data-testid="filter-row" pb={6} style={{ borderBottom: '1px dashed var(--mantine-color-default-border)' }}>
      <Group gap="xs" wrap="wrap" align="flex-start" style={{ flex: 1, minWidth: 0 }}>
        <Select aria-label={t('segments.field')} data={groups} value={filter.field} onChange={pickField} searchable allowDeselect={false} style={{ flex: '1 1 160px', minWidth: 0 }} comboboxProps={combo} />
        <Select aria-label={t('segments.operator')} data={operators.map((o) => ({ value: o, label: t(`segments.operators.${o}`) }))} value={filter.op} onChange={pickOperator} allowDeselect={false} style={{ flex: '1 1 140px', minWidth: 0 }} comboboxProps={combo} />
        {field && <RuleValueInput object={object} field={field} operator={filter.op} value={filter.value ?? null} onChange={(v) => onChange({ ...filter, value: v })} />}
      </Group>
      <ActionIcon variant="subtle" color="gray" mt={6} aria-label={t('segments.removeCondition')} onClick={onRemove}><IconX size={16} /></ActionIcon>
    </Group>
  );
}

/** The conditions in force, each removable, so a filtered list never looks like the whole list. */
export function FilterChips({ fields, filters, onChange }: { fields: RuleField[]; filters: ListFilter[]; onChange: (filters: ListFilter[]) => void }) {
  const { t } = useTranslation();
  const needsMembers = filters.some((f) => fields.find((x) => x.key === f.field)?.input === 'owner');
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), staleTime: 60_000, enabled: needsMembers });
  const names = new Map((members.data?.data ?? []).map((m) => [m.userId, m.name]));
  if (!filters.some(isComplete)) return null;
  const valueText = (filter: ListFilter, field: RuleField | undefined): string => {
    if (NO_VALUE.has(filter.op)) return '';
    const one = (v: string | number | boolean): string => {
      if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
      const text = String(v);
      if (field?.input === 'owner') return text === 'me' ? t('segments.me') : names.get(text) ?? text;
      const option = field?.options?.find((o) => o.value === text);
      return option ? (option.labelKey ? t(option.labelKey) : option.label) : text;
    };
    const v = filter.value;
    if (Array.isArray(v)) return filter.op === 'between' ? v.map(one).join(' – ') : v.map(one).join(', ');
    return v === null || v === undefined ? '' : one(v);
  };
  return (
    <Group gap={6} data-testid="filter-chips">
      {filters.map((filter, i) => {
        if (!isComplete(filter)) return null;
        const field = fields.find((f) => f.key === filter.field);
        return (
          <Badge key={i} variant="light" tt="none" size="lg" radius="sm" pr={4}
            rightSection={<CloseButton size="xs" aria-label={t('customerList.removeFilter')} onClick={() => onChange(filters.filter((_, j) => j !== i))} />}>
            {`${fieldLabel(t, field, filter.field)} ${t(`segments.operators.${filter.op}`)} ${valueText(filter, field)}`.trim()}
          </Badge>
        );
      })}
    </Group>
  );
}
