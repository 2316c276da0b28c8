import { ActionIcon, Alert, Button, Checkbox, CopyButton, Group, NumberInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy, IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TCatalogField, TWorkflowCatalog, TWorkflowNode, TWorkflowTrigger } from '../workflows-api';
import { catalogObject, catalogRuleFields, RECORD_TRIGGERS } from './catalog-fields';
import { FieldValueInput } from './field-value-input';
import { prefixed, WorkflowRulesEditor } from './workflow-rules-editor';

const combo = { withinPortal: true };
const PAYLOAD_TYPES = ['string', 'number', 'boolean', 'email'] as const;
const TIME_ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Asia/Shanghai', 'Asia/Taipei', 'Asia/Hong_Kong'];
  }
})();

interface Props {
  node: TWorkflowNode;
  catalog: TWorkflowCatalog;
  onChange: (node: TWorkflowNode) => void;
  errors: Record<string, string>;
  /** The secret URL of a published webhook trigger. */
  webhookUrl: string | null;
}

/** What starts the workflow: its kind and the settings that kind needs. */
export function TriggerForm({ node, catalog, onChange, errors, webhookUrl }: Props) {
  const { t } = useTranslation();
  const trigger: TWorkflowTrigger = node.trigger ?? { kind: 'record_updated' };
  const set = (patch: Partial<TWorkflowTrigger>) => onChange({ ...node, trigger: { ...trigger, ...patch } });
  const object = catalogObject(catalog, trigger.object);
  const err = (key: string) => errors[`trigger.${key}`];
  const needsObject = RECORD_TRIGGERS.has(trigger.kind);
  const field = object?.fields.find((f) => f.key === trigger.field);
  const fieldOptions = (list: TCatalogField[]) => list.map((f) => ({ value: f.key, label: f.label }));
  const dateFields = object ? object.fields.filter((f) => object.dateFields.includes(f.key)) : [];
  const changeKind = (kind: TWorkflowTrigger['kind']) => onChange({ ...node, trigger: { kind, object: RECORD_TRIGGERS.has(kind) || kind === 'event' ? trigger.object : undefined } });
  return (
    <Stack gap="sm">
      <Select label={t('workflows.trigger.kind')} data={catalog.triggerKinds.map((k) => ({ value: k, label: t(`workflows.triggerKinds.${k}`) }))} value={trigger.kind} allowDeselect={false}
        onChange={(v) => v && changeKind(v as TWorkflowTrigger['kind'])} comboboxProps={combo} error={err('kind')} data-testid="wf-trigger-kind" />
      {(needsObject || trigger.kind === 'event') && (
        <Select label={t('workflows.trigger.object')} required={needsObject} data={catalog.objects.map((o) => ({ value: o.key, label: o.label }))} value={trigger.object ?? null}
          onChange={(v) => onChange({ ...node, trigger: { kind: trigger.kind, object: v ?? undefined } })} clearable={!needsObject} comboboxProps={combo} error={err('object')} data-testid="wf-trigger-object" />
      )}
      {trigger.kind === 'field_changed' && object && (
        <>
          <Select label={t('workflows.trigger.field')} required data={fieldOptions(object.fields)} value={trigger.field ?? null} searchable
            onChange={(v) => set({ field: v ?? undefined, from: undefined, to: undefined })} comboboxProps={combo} error={err('field')} data-testid="wf-trigger-field" />
          {field && (
            <>
              <OptionalValue label={t('workflows.trigger.from')} anyLabel={t('workflows.trigger.anyValue')} field={field} value={trigger.from} onChange={(v) => set({ from: v })} error={err('from')} testId="wf-trigger-from" />
              <OptionalValue label={t('workflows.trigger.to')} anyLabel={t('workflows.trigger.anyValue')} field={field} value={trigger.to} onChange={(v) => set({ to: v })} error={err('to')} testId="wf-trigger-to" />
            </>
          )}
        </>
      )}
      {trigger.kind === 'date_relative' && object && (
        <>
          <Select label={t('workflows.trigger.dateField')} required data={fieldOptions(dateFields)} value={trigger.field ?? null} onChange={(v) => set({ field: v ?? undefined })} comboboxProps={combo} error={err('field')} data-testid="wf-trigger-date-field" />
          <NumberInput label={t('workflows.trigger.offsetDays')} description={t('workflows.trigger.offsetDaysHelp')} min={-3650} max={3650} allowDecimal={false} value={trigger.offsetDays ?? 0}
            onChange={(v) => set({ offsetDays: typeof v === 'number' ? v : 0 })} error={err('offsetDays')} />
        </>
      )}
      {trigger.kind === 'schedule' && (
        <>
          <TextInput label={t('workflows.trigger.cron')} description={t('workflows.trigger.cronHelp')} required placeholder="0 9 * * 1-5" value={trigger.cron ?? ''} maxLength={100}
            onChange={(e) => set({ cron: e.currentTarget.value })} error={err('cron')} data-testid="wf-trigger-cron" />
          <Select label={t('workflows.trigger.timezone')} data={TIME_ZONES} searchable value={trigger.timezone ?? null} onChange={(v) => set({ timezone: v ?? undefined })} comboboxProps={combo} error={err('timezone')} />
        </>
      )}
      {trigger.kind === 'event' && (
        <Select label={t('workflows.trigger.event')} required data={catalog.events.filter((e) => !trigger.object || !e.object || e.object === trigger.object).map((e) => ({ value: e.event, label: e.label }))}
          value={trigger.event ?? null} onChange={(v) => set({ event: v ?? undefined })} searchable comboboxProps={combo} error={err('event')} data-testid="wf-trigger-event" />
      )}
      {trigger.kind === 'webhook' && <WebhookSettings trigger={trigger} set={set} webhookUrl={webhookUrl} error={err('payload')} />}
      {needsObject && object && trigger.kind !== 'manual' && (
        <Stack gap={4}>
          <Switch label={t('workflows.trigger.filter')} description={t('workflows.trigger.filterHelp')} checked={Boolean(trigger.filter)} onChange={(e) => set({ filter: e.currentTarget.checked ? { op: 'and', rules: [] } : undefined })} />
          {trigger.filter && <WorkflowRulesEditor object={object.key} group={trigger.filter} fields={catalogRuleFields(object.fields)} onChange={(g) => set({ filter: g })} errors={prefixed(errors, 'trigger.filter.')} />}
        </Stack>
      )}
    </Stack>
  );
}

function OptionalValue({ label, anyLabel, field, value, onChange, error, testId }: { label: string; anyLabel: string; field: TCatalogField; value: unknown; onChange: (v: unknown) => void; error?: string; testId: string }) {
  const any = value === undefined;
  return (
    <Stack gap={4}>
      <Checkbox label={`${label}: ${anyLabel}`} checked={any} onChange={(e) => onChange(e.currentTarget.checked ? undefined : null)} data-testid={`${testId}-any`} />
      {!any && <FieldValueInput field={field} label={label} value={value} onChange={onChange} error={error} testId={testId} />}
    </Stack>
  );
}

function WebhookSettings({ trigger, set, webhookUrl, error }: { trigger: TWorkflowTrigger; set: (patch: Partial<TWorkflowTrigger>) => void; webhookUrl: string | null; error?: string }) {
  const { t } = useTranslation();
  const payload = trigger.payload ?? [];
  const update = (i: number, patch: Partial<(typeof payload)[number]>) => set({ payload: payload.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const full = webhookUrl ? `${window.location.origin}${webhookUrl}` : null;
  return (
    <Stack gap={6}>
      {full
        ? (
          <Alert color="teal" title={t('workflows.trigger.webhookUrl')}>
            <Group gap="xs" wrap="nowrap">
              <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }} data-testid="wf-webhook-url">{full}</Text>
              <CopyButton value={full}>{({ copied, copy }) => <ActionIcon variant="subtle" onClick={copy} aria-label={t('common.copy')}>{copied ? <IconCheck size={16} /> : <IconCopy size={16} />}</ActionIcon>}</CopyButton>
            </Group>
          </Alert>
        )
        : <Text size="xs" c="dimmed">{t('workflows.trigger.webhookAfterPublish')}</Text>}
      <Text size="sm" fw={500}>{t('workflows.trigger.payload')}</Text>
      {payload.map((p, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="center">
          <TextInput aria-label={t('workflows.trigger.payloadKey')} placeholder={t('workflows.trigger.payloadKey')} style={{ flex: 2 }} value={p.key} maxLength={100} onChange={(e) => update(i, { key: e.currentTarget.value })} />
          <Select aria-label={t('workflows.trigger.payloadType')} style={{ flex: 1 }} data={PAYLOAD_TYPES.map((ty) => ({ value: ty, label: t(`workflows.payloadTypes.${ty}`) }))} value={p.type} allowDeselect={false}
            onChange={(v) => v && update(i, { type: v as (typeof PAYLOAD_TYPES)[number] })} comboboxProps={combo} />
          <Checkbox aria-label={t('workflows.trigger.payloadRequired')} label={t('workflows.trigger.payloadRequired')} checked={p.required} onChange={(e) => update(i, { required: e.currentTarget.checked })} />
          <ActionIcon variant="subtle" color="gray" aria-label={t('common.remove')} onClick={() => set({ payload: payload.filter((_, j) => j !== i) })}><IconX size={16} /></ActionIcon>
        </Group>
      ))}
      <Button size="xs" variant="light" w="fit-content" leftSection={<IconPlus size={14} />} onClick={() => set({ payload: [...payload, { key: '', type: 'string', required: true }] })}>{t('workflows.trigger.addPayloadField')}</Button>
      {error && <Text size="xs" c="red">{error}</Text>}
    </Stack>
  );
}
