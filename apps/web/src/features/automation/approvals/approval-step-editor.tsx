import { ActionIcon, Group, NumberInput, Paper, SegmentedControl, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { APPROVER_KINDS, type TWorkflowRuleGroup } from '@voyage/contracts';
import type { RuleField } from '../../customers/segments/rule-fields';
import { WorkflowRulesEditor } from '../workflows/designer/workflow-rules-editor';
import type { TApprovalStepInput } from './approvals-api';

interface Props {
  step: TApprovalStepInput;
  object: string;
  /** Labels of the object's money fields, compared in minor units. */
  moneyFields?: string;
  index: number;
  count: number;
  fields: RuleField[];
  members: Array<{ value: string; label: string }>;
  roles: Array<{ value: string; label: string }>;
  errors: Record<string, string>;
  onChange: (step: TApprovalStepInput) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}

const combo = { withinPortal: true };

/** One step of a process: its name, who approves, and the condition under which it applies. */
export function ApprovalStepEditor({ step, object, moneyFields, index, count, fields, members, roles, errors, onChange, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  const e = (key: string) => errors[`steps.${index}.${key}`];
  const approver = step.approver;
  const setApprover = (next: Partial<TApprovalStepInput['approver']>) => onChange({ ...step, approver: { ...approver, ...next } });
  const conditionErrors = Object.fromEntries(Object.entries(errors).flatMap(([k, v]) => (k.startsWith(`steps.${index}.condition.`) ? [[k.slice(`steps.${index}.condition.`.length), v]] : [])));
  return (
    <Paper withBorder p="sm" radius="md" data-testid={`approval-step-${index}`}>
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <Text fw={600} w={24}>{index + 1}.</Text>
          <TextInput label={t('approvals.stepName')} style={{ flex: 1 }} value={step.name} maxLength={200} required error={e('name')} onChange={(ev) => onChange({ ...step, name: ev.currentTarget.value })} />
          <ActionIcon variant="subtle" color="gray" disabled={index === 0} aria-label={t('approvals.moveUp')} onClick={() => onMove(-1)}><IconArrowUp size={16} /></ActionIcon>
          <ActionIcon variant="subtle" color="gray" disabled={index === count - 1} aria-label={t('approvals.moveDown')} onClick={() => onMove(1)}><IconArrowDown size={16} /></ActionIcon>
          <ActionIcon variant="subtle" color="gray" disabled={count === 1} aria-label={t('approvals.removeStep')} onClick={onRemove}><IconX size={16} /></ActionIcon>
        </Group>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Select label={t('approvals.approverKind')} comboboxProps={combo} allowDeselect={false} value={approver.kind} w={220}
            data={APPROVER_KINDS.map((k) => ({ value: k, label: t(`approvals.kinds.${k}`) }))}
            onChange={(v) => setApprover({ kind: (v ?? 'user') as TApprovalStepInput['approver']['kind'] })} />
          {approver.kind === 'user' && <Select label={t('approvals.approverUser')} comboboxProps={combo} searchable data={members} value={approver.userId ?? null} error={e('approver.userId')} w={240} onChange={(v) => setApprover({ userId: v })} />}
          {approver.kind === 'role' && (
            <>
              <Select label={t('approvals.approverRole')} comboboxProps={combo} data={roles} value={approver.roleId ?? null} error={e('approver.roleId')} w={200} onChange={(v) => setApprover({ roleId: v })} />
              <SegmentedControl value={approver.mode ?? 'any'} onChange={(v) => setApprover({ mode: v as 'any' | 'all' })} data={[{ value: 'any', label: t('approvals.modeAny') }, { value: 'all', label: t('approvals.modeAll') }]} />
            </>
          )}
          {approver.kind === 'supervisor' && <NumberInput label={t('approvals.levels')} min={1} max={10} value={approver.levels ?? 1} w={140} onChange={(v) => setApprover({ levels: typeof v === 'number' ? v : 1 })} />}
        </Group>
        <Switch label={t('approvals.onlyWhen')} checked={Boolean(step.condition)} disabled={fields.length === 0}
          onChange={(ev) => onChange({ ...step, condition: ev.currentTarget.checked ? { op: 'and', rules: [] } : null })} />
        {Boolean(step.condition) && fields.length > 0 && (
          <>
            <WorkflowRulesEditor object={object} group={step.condition as TWorkflowRuleGroup} fields={fields} errors={conditionErrors} onChange={(g) => onChange({ ...step, condition: g })} />
            {moneyFields && <Text size="xs" c="dimmed">{t('approvals.moneyHelp', { fields: moneyFields })}</Text>}
          </>
        )}
      </Stack>
    </Paper>
  );
}
