import { ActionIcon, Button, Group, MultiSelect, NumberInput, Select, Stack, Switch, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { membersApi, rolesApi } from '../../../../api/platform';
import { emailTemplatesApi, type TCatalogActionField, type TCatalogField, type TWorkflowCatalog, type TWorkflowNode } from '../workflows-api';
import { DurationInput } from './duration-input';
import { FieldValueInput } from './field-value-input';
import { MergeFieldPicker } from './merge-field-picker';
import { workspaceOptionsLoader } from './workspace-options';

const combo = { withinPortal: true };

interface Props {
  node: TWorkflowNode;
  catalog: TWorkflowCatalog;
  /** The fields of the workflow's record (its trigger's object). */
  fields: TCatalogField[];
  object: string | null;
  onChange: (node: TWorkflowNode) => void;
  errors: Record<string, string>;
}

/** An action node's form, generated from the catalogue's description of the action's input. */
export function ActionForm({ node, catalog, fields, object, onChange, errors }: Props) {
  const { t } = useTranslation();
  const action = catalog.actions.find((a) => a.key === node.action);
  const input = node.input ?? {};
  const set = (key: string, value: unknown) => onChange({ ...node, input: { ...input, [key]: value } });
  if (!action) {
    return <Select label={t('workflows.action')} data={catalog.actions.map((a) => ({ value: a.key, label: a.label }))} value={null} error={errors.action ?? t('workflows.unknownAction', { key: node.action ?? '' })}
      onChange={(v) => v && onChange({ ...node, action: v, input: {} })} comboboxProps={combo} />;
  }
  const wrongObject = action.objects && object && !action.objects.includes(object);
  return (
    <Stack gap="sm">
      {action.description && <Text size="xs" c="dimmed">{action.description}</Text>}
      {wrongObject && <Text size="xs" c="red">{t('workflows.actionWrongObject')}</Text>}
      {action.fields.map((field) => (
        <ActionFieldInput key={field.key} field={field} value={input[field.key]} onChange={(v) => set(field.key, v)} error={errors[`input.${field.key}`]} fields={fields} catalog={catalog} object={object} nodeId={node.id} actionKey={action.key} />
      ))}
    </Stack>
  );
}

interface FieldProps {
  field: TCatalogActionField;
  value: unknown;
  onChange: (v: unknown) => void;
  error?: string;
  fields: TCatalogField[];
  catalog: TWorkflowCatalog;
  object: string | null;
  nodeId: string;
  actionKey: string;
}

function ActionFieldInput({ field, value, onChange, error, fields, catalog, object, nodeId, actionKey }: FieldProps) {
  const { t } = useTranslation();
  const needsMembers = field.kind === 'user' || field.kind === 'users';
  const needsRoles = field.kind === 'role' || field.kind === 'roles';
  const members = useQuery({ queryKey: ['members', 'all'], queryFn: () => membersApi.list({ limit: 500 }), staleTime: 60_000, enabled: needsMembers });
  const roles = useQuery({ queryKey: ['roles'], queryFn: rolesApi.list, staleTime: 60_000, enabled: needsRoles });
  const loadOptions = field.kind === 'select' ? workspaceOptionsLoader(actionKey, field.key) : undefined;
  const workspaceOptions = useQuery({ queryKey: ['workflow-field-options', actionKey, field.key, object], queryFn: () => loadOptions!(object), enabled: Boolean(loadOptions), staleTime: 30_000 });
  const templates = useQuery({ queryKey: ['email-templates'], queryFn: emailTemplatesApi.list, staleTime: 30_000, enabled: field.kind === 'template' });
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const list = Array.isArray(value) ? value.map(String) : [];
  const common = { label: field.label, description: field.help ?? undefined, required: field.required, error, 'data-testid': `wf-input-${field.key}` };
  const picker = field.merge ? <MergeFieldPicker fields={fields} onPick={(token) => onChange(`${text}${token}`)} /> : undefined;
  const memberOptions = (members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name }));
  const roleOptions = (roles.data?.data ?? []).map((r) => ({ value: r.id, label: r.name }));
  switch (field.kind) {
    case 'textarea':
      return (
        <Stack gap={2}>
          <Textarea {...common} autosize minRows={3} maxRows={10} value={text} onChange={(e) => onChange(e.currentTarget.value)} />
          {picker && <Group justify="flex-end"><Text size="xs" c="dimmed">{t('workflows.insertMergeField')}</Text>{picker}</Group>}
        </Stack>
      );
    case 'number':
      return <NumberInput {...common} value={typeof value === 'number' ? value : ''} onChange={(v) => onChange(typeof v === 'number' ? v : undefined)} />;
    case 'boolean':
      return <Switch {...common} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />;
    case 'select':
      return <Select {...common} data={loadOptions ? workspaceOptions.data ?? [] : field.options ?? []} value={text || null} onChange={(v) => onChange(v ?? undefined)} clearable={!field.required} searchable={Boolean(loadOptions)} comboboxProps={combo} />;
    case 'user':
      return <Select {...common} data={memberOptions} value={text || null} onChange={(v) => onChange(v ?? undefined)} searchable clearable comboboxProps={combo} />;
    case 'users':
      return <MultiSelect {...common} data={memberOptions} value={list} onChange={onChange} searchable comboboxProps={combo} />;
    case 'role':
      return <Select {...common} data={roleOptions} value={text || null} onChange={(v) => onChange(v ?? undefined)} searchable clearable comboboxProps={combo} />;
    case 'roles':
      return <MultiSelect {...common} data={roleOptions} value={list} onChange={onChange} searchable comboboxProps={combo} />;
    case 'template': {
      const options = (templates.data?.data ?? []).filter((tpl) => !tpl.object || !object || tpl.object === object).map((tpl) => ({ value: tpl.id, label: tpl.name }));
      return <Select {...common} data={options} value={text || null} onChange={(v) => onChange(v ?? undefined)} searchable clearable comboboxProps={combo} nothingFoundMessage={t('workflows.noEmailTemplates')} />;
    }
    case 'field':
      return <Select {...common} data={fields.map((f) => ({ value: f.key, label: f.label }))} value={text || null} onChange={(v) => onChange(v ?? undefined)} searchable clearable comboboxProps={combo} />;
    case 'object':
      return <Select {...common} data={catalog.objects.map((o) => ({ value: o.key, label: o.label }))} value={text || null} onChange={(v) => onChange(v ?? undefined)} clearable comboboxProps={combo} />;
    case 'tags':
      return <TagsInput {...common} value={list} onChange={onChange} comboboxProps={combo} />;
    case 'duration':
      return <DurationInput {...common} value={value as { amount: number; unit: 'minutes' | 'hours' | 'days' } | undefined} onChange={onChange} />;
    case 'field_values':
      return <FieldValuesEditor label={field.label} required={field.required} error={error} fields={fields.filter((f) => f.writable)} value={(value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>} onChange={onChange} nodeId={nodeId} />;
    case 'url':
      return <TextInput {...common} type="url" placeholder="https://" value={text} onChange={(e) => onChange(e.currentTarget.value)} maxLength={2000} />;
    default:
      return <TextInput {...common} rightSection={picker} value={text} onChange={(e) => onChange(e.currentTarget.value)} maxLength={2000} />;
  }
}

/** Field → value pairs of the record ("update fields"): pick a field, then its value with the input its kind needs. */
function FieldValuesEditor({ label, required, error, fields, value, onChange, nodeId }: { label: string; required: boolean; error?: string; fields: TCatalogField[]; value: Record<string, unknown>; onChange: (v: Record<string, unknown>) => void; nodeId: string }) {
  const { t } = useTranslation();
  const entries = Object.entries(value);
  const unused = fields.filter((f) => !(f.key in value));
  const rename = (from: string, to: string | null) => {
    if (!to || to === from) return;
    onChange(Object.fromEntries(entries.map(([k, v]) => (k === from ? [to, null] : [k, v]))));
  };
  return (
    <Stack gap={4} data-testid="wf-field-values">
      <Text size="sm" fw={500}>{label}{required && <Text span c="red"> *</Text>}</Text>
      {entries.map(([key, v], i) => {
        const field = fields.find((f) => f.key === key);
        return (
          <Group key={`${nodeId}:${i}`} gap="xs" align="flex-end" wrap="nowrap">
            <Select aria-label={t('workflows.field')} style={{ flex: 1 }} data={[...(field ? [{ value: field.key, label: field.label }] : [{ value: key, label: key }]), ...unused.map((f) => ({ value: f.key, label: f.label }))]}
              value={key} onChange={(to) => rename(key, to)} searchable allowDeselect={false} comboboxProps={combo} data-testid={`wf-field-values-field-${i}`} />
            <div style={{ flex: 1 }}>
              {field ? <FieldValueInput field={field} label={t('workflows.value')} value={v} onChange={(nv) => onChange({ ...value, [key]: nv })} testId={`wf-field-values-value-${i}`} /> : <Text size="xs" c="red">{t('workflows.unknownField')}</Text>}
            </div>
            <ActionIcon variant="subtle" color="gray" mb={6} aria-label={t('common.remove')} onClick={() => onChange(Object.fromEntries(entries.filter(([k]) => k !== key)))}><IconX size={16} /></ActionIcon>
          </Group>
        );
      })}
      {unused.length > 0 && (
        <Button size="xs" variant="light" w="fit-content" leftSection={<IconPlus size={14} />} onClick={() => onChange({ ...value, [unused[0].key]: null })} data-testid="wf-field-values-add">{t('workflows.addField')}</Button>
      )}
      {error && <Text size="xs" c="red">{error}</Text>}
    </Stack>
  );
}
