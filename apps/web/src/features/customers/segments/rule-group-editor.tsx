import { ActionIcon, Button, Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconSitemap, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TRuleGroup, TSegmentRuleCondition } from '@voyage/contracts';
import type { CustomerObject } from '../record-config';
import { LIST_VALUE, NO_VALUE, OPERATORS_BY_INPUT, type RuleField } from './rule-fields';
import { RuleValueInput } from './rule-value-input';

type Rule = TSegmentRuleCondition | TRuleGroup;
const isGroup = (r: Rule): r is TRuleGroup => 'rules' in r;
const MAX_DEPTH = 4;
const combo = { withinPortal: true };

interface Props {
  object: CustomerObject;
  group: TRuleGroup;
  fields: RuleField[];
  onChange: (g: TRuleGroup) => void;
  onRemove?: () => void;
  depth?: number;
  /** Server errors by path (`rules.1.rules.0.field`) and this group's path. */
  errors?: Record<string, string>;
  path?: string;
}

/** One AND/OR group: its conditions and nested groups, edited in place. */
export function RuleGroupEditor({ object, group, fields, onChange, onRemove, depth = 1, errors = {}, path = 'rules' }: Props) {
  const { t } = useTranslation();
  const set = (i: number, rule: Rule) => onChange({ ...group, rules: group.rules.map((r, j) => (j === i ? rule : r)) });
  const remove = (i: number) => onChange({ ...group, rules: group.rules.filter((_, j) => j !== i) });
  const first = fields[0];
  const addCondition = () => onChange({ ...group, rules: [...group.rules, { field: first.key, operator: OPERATORS_BY_INPUT[first.input][0], value: null }] });
  const addGroup = () => onChange({ ...group, rules: [...group.rules, { op: group.op === 'and' ? 'or' : 'and', rules: [] }] });
  return (
    <Paper withBorder p="sm" radius="md" bg={depth % 2 === 0 ? 'var(--mantine-color-default-hover)' : undefined}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <SegmentedControl size="xs" value={group.op} onChange={(v) => onChange({ ...group, op: v as 'and' | 'or' })}
              data={[{ value: 'and', label: t('segments.and') }, { value: 'or', label: t('segments.or') }]} />
            <Text size="xs" c="dimmed">{t(group.op === 'and' ? 'segments.matchAll' : 'segments.matchAny')}</Text>
          </Group>
          {onRemove && <ActionIcon variant="subtle" color="gray" aria-label={t('segments.removeGroup')} onClick={onRemove}><IconX size={16} /></ActionIcon>}
        </Group>
        {group.rules.length === 0 && <Text size="sm" c="dimmed">{t('segments.emptyGroup')}</Text>}
        {group.rules.map((rule, i) => (
          isGroup(rule)
            ? <RuleGroupEditor key={i} object={object} group={rule} fields={fields} depth={depth + 1} onChange={(g) => set(i, g)} onRemove={() => remove(i)} errors={errors} path={`${path}.${i}.rules`} />
            : <ConditionRow key={i} object={object} rule={rule} fields={fields} onChange={(r) => set(i, r)} onRemove={() => remove(i)} error={errors[`${path}.${i}.field`] ?? errors[`${path}.${i}.operator`] ?? errors[`${path}.${i}.value`]} />
        ))}
        <Group gap="xs">
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={addCondition}>{t('segments.addCondition')}</Button>
          {depth < MAX_DEPTH && <Button size="xs" variant="subtle" leftSection={<IconSitemap size={14} />} onClick={addGroup}>{t('segments.addGroup')}</Button>}
        </Group>
      </Stack>
    </Paper>
  );
}

function ConditionRow({ object, rule, fields, onChange, onRemove, error }: { object: CustomerObject; rule: TSegmentRuleCondition; fields: RuleField[]; onChange: (r: TSegmentRuleCondition) => void; onRemove: () => void; error?: string }) {
  const { t } = useTranslation();
  const field = fields.find((f) => f.key === rule.field);
  const label = (f: RuleField) => (f.labelKey ? t(f.labelKey) : f.label ?? f.key);
  const groups = (['builtIn', 'custom', 'behaviour'] as const)
    .map((g) => ({ group: t(`segments.fieldGroups.${g}`), items: fields.filter((f) => f.group === g).map((f) => ({ value: f.key, label: label(f) })) }))
    .filter((g) => g.items.length > 0);
  const operators = field ? OPERATORS_BY_INPUT[field.input] : [];
  const pickField = (key: string | null) => {
    const next = fields.find((f) => f.key === key);
    if (next) onChange({ field: next.key, operator: OPERATORS_BY_INPUT[next.input][0], value: null });
  };
  const pickOperator = (op: string | null) => {
    if (!op) return;
    // Keep the value when its shape still fits the operator; otherwise start empty.
    const keep = !NO_VALUE.has(op) && LIST_VALUE.has(op) === Array.isArray(rule.value);
    onChange({ ...rule, operator: op, value: keep ? rule.value : null });
  };
  return (
    <Stack gap={2} pb={6} style={{ borderBottom: '1px dashed var(--mantine-color-default-border)' }}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Group gap="xs" wrap="wrap" align="flex-start" style={{ flex: 1, minWidth: 0 }}>
          <Select aria-label={t('segments.field')} data={groups} value={rule.field} onChange={pickField} searchable allowDeselect={false} style={{ flex: '1 1 160px', minWidth: 0 }} comboboxProps={combo} error={Boolean(error)} />
          <Select aria-label={t('segments.operator')} data={operators.map((o) => ({ value: o, label: t(`segments.operators.${o}`) }))} value={rule.operator} onChange={pickOperator} allowDeselect={false} style={{ flex: '1 1 150px', minWidth: 0 }} comboboxProps={combo} />
          {field && <RuleValueInput object={object} field={field} operator={rule.operator} value={rule.value ?? null} onChange={(v) => onChange({ ...rule, value: v })} />}
        </Group>
        <ActionIcon variant="subtle" color="gray" mt={6} aria-label={t('segments.removeCondition')} onClick={onRemove}><IconX size={16} /></ActionIcon>
      </Group>
      {error && <Text size="xs" c="red">{error}</Text>}
    </Stack>
  );
}
