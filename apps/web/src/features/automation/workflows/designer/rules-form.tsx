import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RuleField } from '../../../customers/segments/rule-fields';
import type { TWorkflowNode } from '../workflows-api';
import { prefixed, WorkflowRulesEditor } from './workflow-rules-editor';

interface Props {
  node: TWorkflowNode;
  object: string | null;
  fields: RuleField[];
  onChange: (node: TWorkflowNode) => void;
  errors: Record<string, string>;
}

/** A condition: one rule group (the segments builder); its edges leave by "yes" and "no". */
export function ConditionForm({ node, object, fields, onChange, errors }: Props) {
  const { t } = useTranslation();
  if (fields.length === 0) return <Text size="sm" c="dimmed">{t('workflows.pickObjectFirst')}</Text>;
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed">{t('workflows.conditionHelp')}</Text>
      <WorkflowRulesEditor object={object} group={node.rules ?? { op: 'and', rules: [] }} fields={fields} onChange={(rules) => onChange({ ...node, rules })} errors={prefixed(errors, 'rules.')} />
      {errors.rules && <Text size="xs" c="red">{errors.rules}</Text>}
    </Stack>
  );
}

const nextKey = (keys: string[]) => {
  for (let i = keys.length + 1; ; i += 1) if (!keys.includes(`way_${i}`)) return `way_${i}`;
};

/** A multi-way branch: ordered ways, each a rule group; the first that matches wins, else "otherwise". */
export function BranchForm({ node, object, fields, onChange, errors }: Props) {
  const { t } = useTranslation();
  const ways = node.branches ?? [];
  const set = (next: typeof ways) => onChange({ ...node, branches: next });
  const move = (i: number, by: number) => {
    const next = [...ways];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    set(next);
  };
  if (fields.length === 0) return <Text size="sm" c="dimmed">{t('workflows.pickObjectFirst')}</Text>;
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">{t('workflows.branchHelp')}</Text>
      {ways.map((way, i) => (
        <Paper key={way.key} withBorder p="xs" radius="md">
          <Stack gap={6}>
            <Group gap="xs" wrap="nowrap">
              <TextInput aria-label={t('workflows.wayLabel')} placeholder={t('workflows.wayPlaceholder', { n: i + 1 })} style={{ flex: 1 }} value={way.label} maxLength={200}
                onChange={(e) => set(ways.map((w, j) => (j === i ? { ...w, label: e.currentTarget.value } : w)))} error={errors[`branches.${i}.label`]} />
              <ActionIcon variant="subtle" color="gray" disabled={i === 0} aria-label={t('workflows.moveUp')} onClick={() => move(i, -1)}><IconArrowUp size={16} /></ActionIcon>
              <ActionIcon variant="subtle" color="gray" disabled={i === ways.length - 1} aria-label={t('workflows.moveDown')} onClick={() => move(i, 1)}><IconArrowDown size={16} /></ActionIcon>
              <ActionIcon variant="subtle" color="gray" aria-label={t('common.remove')} onClick={() => set(ways.filter((_, j) => j !== i))}><IconX size={16} /></ActionIcon>
            </Group>
            <WorkflowRulesEditor object={object} group={way.rules} fields={fields} onChange={(rules) => set(ways.map((w, j) => (j === i ? { ...w, rules } : w)))} errors={prefixed(errors, `branches.${i}.rules.`)} />
          </Stack>
        </Paper>
      ))}
      <Button size="xs" variant="light" w="fit-content" leftSection={<IconPlus size={14} />} disabled={ways.length >= 20}
        onClick={() => set([...ways, { key: nextKey(ways.map((w) => w.key)), label: '', rules: { op: 'and', rules: [] } }])}>{t('workflows.addWay')}</Button>
      <Text size="xs" c="dimmed">{t('workflows.elseHelp')}</Text>
      {errors.branches && <Text size="xs" c="red">{errors.branches}</Text>}
    </Stack>
  );
}
