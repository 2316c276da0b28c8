import { useState } from 'react';
import { ActionIcon, Alert, Button, Drawer, Group, MultiSelect, Select, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { membersApi, rolesApi } from '../../../api/platform';
import { errorMessage, notifySaved } from '../../../components/api-errors';
import { ApprovalStepEditor } from './approval-step-editor';
import { approvalProcessesApi, PROCESSES_KEY, type TApprovalProcess, type TApprovalProcessInput, type TApprovalStepInput, type TCatalogObject } from './approvals-api';
import { outcomeValue } from './process-rule-fields';
import { catalogRuleFields } from '../workflows/designer/catalog-fields';

type Outcome = Array<{ field: string | null; value: string }>;
const toRows = (values: Record<string, unknown> | undefined): Outcome => Object.entries(values ?? {}).map(([field, value]) => ({ field, value: Array.isArray(value) ? value.join(', ') : value == null ? '' : String(value) }));
const combo = { withinPortal: true };

function OutcomeEditor({ label, rows, fields, onChange, errors, prefix }: { label: string; rows: Outcome; fields: TCatalogObject['fields']; onChange: (rows: Outcome) => void; errors: Record<string, string>; prefix: string }) {
  const { t } = useTranslation();
  const writable = fields.filter((f) => f.writable).map((f) => ({ value: f.key, label: f.label }));
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>{label}</Text>
      {rows.map((row, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
          <Select aria-label={t('approvals.field')} comboboxProps={combo} data={writable} value={row.field} searchable w={220} error={row.field ? errors[`${prefix}.${row.field}`] : undefined}
            onChange={(v) => onChange(rows.map((r, j) => (j === i ? { ...r, field: v } : r)))} />
          <TextInput aria-label={t('approvals.value')} placeholder={t('approvals.value')} value={row.value} style={{ flex: 1 }} onChange={(e) => { const value = e.currentTarget.value; onChange(rows.map((r, j) => (j === i ? { ...r, value } : r))); }} />
          <ActionIcon variant="subtle" color="gray" mt={6} aria-label={t('approvals.removeValue')} onClick={() => onChange(rows.filter((_, j) => j !== i))}><IconX size={16} /></ActionIcon>
        </Group>
      ))}
      <Button size="xs" variant="subtle" w="fit-content" leftSection={<IconPlus size={14} />} disabled={writable.length === 0} onClick={() => onChange([...rows, { field: null, value: '' }])}>{t('approvals.addValue')}</Button>
    </Stack>
  );
}

/** Creates or edits a process: object, steps with approvers and conditions, guarded fields, policies and outcomes. */
export function ApprovalProcessEditor({ process, objects, onClose }: { process: TApprovalProcess | null; objects: TCatalogObject[]; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(process?.name ?? '');
  const [description, setDescription] = useState(process?.description ?? '');
  const [object, setObject] = useState<string>(process?.object ?? (objects.find((o) => o.key === 'deal') ?? objects[0])?.key ?? 'deal');
  const [active, setActive] = useState(process?.active ?? true);
  const [steps, setSteps] = useState<TApprovalStepInput[]>(process?.steps ?? [{ name: '', approver: { kind: 'supervisor', levels: 1, mode: 'any' }, condition: null }]);
  const [noApprover, setNoApprover] = useState<'auto_approve' | 'admin'>(process?.noApprover ?? 'admin');
  const [resubmit, setResubmit] = useState<'first_step' | 'rejected_step'>(process?.resubmit ?? 'first_step');
  const [guarded, setGuarded] = useState<string[]>(process?.guardedFields ?? []);
  const [onApproved, setOnApproved] = useState<Outcome>(toRows(process?.onApproved));
  const [onRejected, setOnRejected] = useState<Outcome>(toRows(process?.onRejected));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), staleTime: 60_000 });
  const roles = useQuery({ queryKey: ['roles'], queryFn: rolesApi.list, staleTime: 60_000 });
  const catalogObject = objects.find((o) => o.key === object);
  const fields = catalogObject?.fields ?? [];
  const values = (rows: Outcome) => Object.fromEntries(rows.filter((r) => r.field).map((r) => [r.field!, outcomeValue(fields.find((f) => f.key === r.field)?.kind, r.value)]));
  const body = (): TApprovalProcessInput => ({ name, description: description || null, object, active, steps, noApprover, resubmit, guardedFields: guarded, onApproved: values(onApproved), onRejected: values(onRejected) });
  const save = useMutation({
    mutationFn: () => {
      const { object: _o, ...rest } = body();
      return process ? approvalProcessesApi.update(process.id, { ...rest, version: process.version }) : approvalProcessesApi.create(body());
    },
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: PROCESSES_KEY }); notifySaved(); onClose(); },
    onError: (e) => { setErrors(e instanceof ApiError ? e.fieldErrors : {}); setAlert(errorMessage(e)); },
  });
  const move = (i: number, by: number) => { const next = [...steps]; [next[i], next[i + by]] = [next[i + by], next[i]]; setSteps(next); };
  return (
    <Drawer opened onClose={onClose} position="right" size="xl" title={process ? t('approvals.editProcess') : t('approvals.newProcess')}>
      <Stack>
        <TextInput label={t('approvals.name')} required value={name} maxLength={200} error={errors.name} onChange={(e) => setName(e.currentTarget.value)} data-testid="process-name" />
        <Textarea label={t('approvals.description')} value={description} maxLength={2000} autosize onChange={(e) => setDescription(e.currentTarget.value)} />
        <Group align="flex-end">
          <Select label={t('approvals.object')} comboboxProps={combo} allowDeselect={false} disabled={Boolean(process)} value={object} error={errors.object} w={220}
            data={objects.map((o) => ({ value: o.key, label: o.label }))} onChange={(v) => { setObject(v ?? object); setGuarded([]); setOnApproved([]); setOnRejected([]); setSteps(steps.map((s) => ({ ...s, condition: null }))); }} />
          <Switch label={t('approvals.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} mb={8} />
        </Group>
        <Text fw={600}>{t('approvals.steps')}</Text>
        <Text size="xs" c="dimmed">{t('approvals.stepsHelp')}</Text>
        {steps.map((step, i) => (
          <ApprovalStepEditor key={i} step={step} object={object} moneyFields={fields.filter((f) => f.kind === 'money').map((f) => f.label).join(', ')} index={i} count={steps.length} fields={catalogRuleFields(fields)} errors={errors}
            members={(members.data?.data ?? []).filter((m) => m.status === 'active').map((m) => ({ value: m.userId, label: m.name }))}
            roles={(roles.data?.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            onChange={(next) => setSteps(steps.map((s, j) => (j === i ? next : s)))} onMove={(by) => move(i, by)} onRemove={() => setSteps(steps.filter((_, j) => j !== i))} />
        ))}
        <Button variant="light" w="fit-content" leftSection={<IconPlus size={14} />} disabled={steps.length >= 20}
          onClick={() => setSteps([...steps, { name: '', approver: { kind: 'user', mode: 'any', levels: 1 }, condition: null }])}>{t('approvals.addStep')}</Button>
        <Select label={t('approvals.noApprover')} comboboxProps={combo} allowDeselect={false} value={noApprover} onChange={(v) => setNoApprover((v ?? 'admin') as 'auto_approve' | 'admin')}
          data={[{ value: 'admin', label: t('approvals.noApproverAdmin') }, { value: 'auto_approve', label: t('approvals.noApproverAuto') }]} />
        <Select label={t('approvals.resubmitPolicy')} comboboxProps={combo} allowDeselect={false} value={resubmit} onChange={(v) => setResubmit((v ?? 'first_step') as 'first_step' | 'rejected_step')}
          data={[{ value: 'first_step', label: t('approvals.resubmitFirst') }, { value: 'rejected_step', label: t('approvals.resubmitRejected') }]} />
        <MultiSelect label={t('approvals.guardedFields')} description={t('approvals.guardedHelp')} comboboxProps={combo} searchable value={guarded} onChange={setGuarded}
          error={Object.entries(errors).find(([k]) => k.startsWith('guardedFields'))?.[1]} data={fields.map((f) => ({ value: f.key, label: f.label }))} data-testid="process-guarded" />
        <OutcomeEditor label={t('approvals.onApproved')} rows={onApproved} fields={fields} onChange={setOnApproved} errors={errors} prefix="onApproved" />
        <OutcomeEditor label={t('approvals.onRejected')} rows={onRejected} fields={fields} onChange={setOnRejected} errors={errors} prefix="onRejected" />
        {alert && <Alert color="red" role="alert">{alert}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button loading={save.isPending} onClick={() => { setErrors({}); setAlert(null); save.mutate(); }} data-testid="process-save">{t('common.save')}</Button>
        </Group>
      </Stack>
    </Drawer>
  );
}
